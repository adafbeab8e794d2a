import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { regionProblem } from './regions.js';

// zod/mini: a fraction of full zod's code to load at every start. It ships no messages; the
// English ones say what is wrong with a value that has no message of its own here.
z.config(en());

/**
 * Validators for the values a user types. Every value that ends up inside generated code
 * (a name, a domain) passes one of these first, so no input can break out of a string
 * literal or a path in what we render.
 */

/** Reserved because they would clash with generated folders, stacks or CDK ids. */
const reservedServiceNames = ['api', 'app', 'edge', 'frontend', 'infra', 'lib', 'node_modules', 'services', 'site', 'test', 'web'];

/** Valid as an npm package name and as a CloudFormation stack-name prefix. */
export const projectName = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(60, 'must be at most 60 characters (stack names add a suffix to it)'),
  z.regex(/^[a-z][a-z0-9-]*$/, 'must start with a lowercase letter and use only a-z, 0-9 and -'),
  z.refine((name) => !name.endsWith('-') && !name.includes('--'), 'must not end with - or contain --'),
);

export const serviceName = z.string().check(
  z.regex(/^[a-z][a-z0-9]{0,29}$/, 'must be a lowercase letter followed by up to 29 letters or digits'),
  z.refine((name) => !reservedServiceNames.includes(name), {
    error: (issue) => `"${String(issue.input)}" is reserved (${reservedServiceNames.join(', ')} are)`,
  }),
);

export const serviceNames = z.array(serviceName).check(
  z.minLength(1, 'name at least one service'),
  z.maxLength(10, 'at most 10 services'),
  z.refine((names) => new Set(names).size === names.length, 'service names must be unique'),
);

export const awsRegion = z.string().check(z.refine((region) => regionProblem(region) === undefined, { error: (issue) => regionProblem(String(issue.input)) }));

export const accountId = z.string().check(z.regex(/^\d{12}$/, 'must be a 12-digit AWS account id'));

/** Lowercase labels of letters, digits and inner hyphens; the top level is letters, or an IDNA A-label (`xn--p1ai`). */
export const domainName = z.string().check(
  z.maxLength(253),
  z.regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9]([a-z0-9-]{0,57}[a-z0-9])?)$/,
    'must be a lowercase domain name such as api.example.com (an internationalized name in its xn-- form)',
  ),
);

/**
 * Stage throttling. The bounds are API Gateway's default account quotas per region (10,000
 * requests per second, a bucket of 5,000): a stage cannot go above its account.
 */
export const throttleLimits = { rate: 10_000, burst: 5_000 } as const;
const throttleForm = `must be rate:burst, whole requests per second, rate 1-${throttleLimits.rate} and burst 1-${throttleLimits.burst} (e.g. 100:200)`;
const limit = (max: number) => z.int({ error: throttleForm }).check(z.minimum(1, throttleForm), z.maximum(max, throttleForm));
export const throttle = z.strictObject({ rateLimit: limit(throttleLimits.rate), burstLimit: limit(throttleLimits.burst) }, { error: throttleForm });

export type Throttle = z.infer<typeof throttle>;
