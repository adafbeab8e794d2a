import { describe, expect, it } from 'vitest';
import { apiPolicy, stageArn } from '../../authorizer/policy.js';

const methodArn = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/DELETE/items/42';

describe('the authorizer policy', () => {
  it('covers every method of the calling API and stage, and nothing else', () => {
    expect(stageArn(methodArn)).toBe('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*');
  });

  it('allows an allowed caller and names them as the principal, passing the context on', () => {
    const result = apiPolicy({ subject: 'user-1', allowed: true, context: { sub: 'user-1' } }, methodArn);
    expect(result.principalId).toBe('user-1');
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*' },
    ]);
    expect(result.context).toEqual({ sub: 'user-1' });
  });

  it('denies explicitly a caller who is known but not allowed', () => {
    const result = apiPolicy({ subject: 'user-2', allowed: false, context: {} }, methodArn);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
  });

  it('refuses to build a policy from something that is not a method ARN', () => {
    expect(() => stageArn('arn:aws:s3:::bucket/key')).toThrow(/Not an API Gateway method ARN/);
  });
});
