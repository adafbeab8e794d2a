import * as z from 'zod/mini';
import { accountModes, apiAccessModes, authModes, ciProviders, edgeFeatures, frontends, ingestKinds, valuesOf } from './choices.js';
import { presetIds } from './presets.js';
import { accountId, awsRegion, domainName, projectName, serviceName, serviceNames, throttle } from './values.js';

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of ${values.join(', ')}` });

/** What each answer may hold. Checked as a whole, so a stored manifest is validated the same way. */
export const answersSchema = z.strictObject({
  name: projectName,
  pattern: choice(presetIds),
  services: serviceNames,
  accounts: choice(valuesOf(accountModes)),
  serviceAccounts: z.array(
    z.strictObject(
      { service: serviceName, account: accountId, region: z.optional(awsRegion) },
      { error: 'each entry must be service=account or service=account/region, e.g. orders=111111111111/eu-west-1' },
    ),
  ),
  frontend: choice(valuesOf(frontends)),
  apiAccess: choice(valuesOf(apiAccessModes)),
  ingest: choice(valuesOf(ingestKinds)),
  auth: choice(valuesOf(authModes)),
  edge: z.array(choice(edgeFeatures)).check(z.refine((list) => new Set(list).size === list.length, 'lists a feature twice')),
  cache: z.boolean(),
  waf: z.boolean(),
  throttle,
  domain: z.optional(domainName),
  region: awsRegion,
  ci: choice(valuesOf(ciProviders)),
});

export type Answers = z.output<typeof answersSchema>;
