import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { config } from '../../infra/config.js';
import { apiMethods } from '../support/api-methods.js';
import { serviceStack } from '../support/app.js';

const serviceTemplate = (service: string) => Template.fromStack(serviceStack(service));

describe.each(config.services)('authorization of the %s API', (service) => {
  const methods = apiMethods(serviceTemplate(service));
  // CORS preflights carry no credentials by design; browsers send them before any token.
  const guarded = methods.filter((m) => !(m.verb === 'GET' && m.path === '/health') && m.verb !== 'OPTIONS');

  it('puts an authorizer on every method but the health check', () => {
    expect(guarded.length).toBeGreaterThan(0);
    for (const method of guarded) {
      expect(['COGNITO_USER_POOLS', 'CUSTOM'], `${method.verb} ${method.path}`).toContain(method.authorizationType);
      expect(method.authorizer, `${method.verb} ${method.path}`).toBeDefined();
    }
  });

  it('keeps GET /health public', () => {
    // (Beside a CORS preflight, which never has an authorizer.)
    expect(methods.filter((m) => m.path === '/health' && m.verb !== 'OPTIONS')).toEqual([{ verb: 'GET', path: '/health', authorizationType: 'NONE', authorizer: undefined }]);
  });
});
