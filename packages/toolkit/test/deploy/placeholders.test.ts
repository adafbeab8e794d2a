import { CfnResource } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { placeholderError, placeholdersIn } from '../../src/deploy/placeholders.js';
import { stack, synthesize } from '../support/assembly.js';

const assembly = () =>
  synthesize((app) => {
    const record = (name: string, zone: string) =>
      new CfnResource(stack(app, name), 'Record', { type: 'AWS::Route53::RecordSet', properties: { HostedZoneId: zone, Name: 'app.example.com', Type: 'A' } });
    record('app-site', 'REPLACE_WITH_HOSTED_ZONE_ID');
    record('app-domain', 'REPLACE_WITH_HOSTED_ZONE_ID');
    new CfnResource(stack(app, 'app-items'), 'Authorizer', { type: 'AWS::SQS::Queue', properties: { Tags: [{ Key: 'issuer', Value: 'https://REPLACE_WITH_YOUR_ISSUER/' }] } });
    record('app-other', 'Z0123456789');
  });

describe('values left to fill in (REPLACE_WITH_…)', () => {
  it('names each placeholder the templates use, with every stack it is in', () => {
    const stacks = assembly().stacksRecursively;
    expect(placeholdersIn(stacks)).toEqual(
      new Map([
        ['REPLACE_WITH_HOSTED_ZONE_ID', ['app-domain', 'app-site']],
        ['REPLACE_WITH_YOUR_ISSUER', ['app-items']],
      ]),
    );
    expect(placeholderError(placeholdersIn(stacks))).toBe(
      'The app still has REPLACE_WITH_HOSTED_ZONE_ID (in app-domain, app-site), REPLACE_WITH_YOUR_ISSUER (in app-items): fill in the real values first',
    );
  });

  it('counts only the stacks it is asked about: deploying one stack is not stopped by another', () => {
    const stacks = assembly().stacksRecursively;
    expect(placeholderError(placeholdersIn(stacks.filter((s) => s.stackName === 'app-items')))).toBe('The app still has REPLACE_WITH_YOUR_ISSUER (in app-items): fill in the real value first');
    expect(placeholderError(placeholdersIn(stacks.filter((s) => s.stackName === 'app-other')))).toBeUndefined();
  });
});
