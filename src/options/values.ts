import { en } from 'zod/locales';
import * as z from 'zod/mini';

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

export const awsRegion = z.string().check(z.regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'is not an AWS region such as us-east-1'));

export const accountId = z.string().check(z.regex(/^\d{12}$/, 'must be a 12-digit AWS account id'));

export const domainName = z.string().check(
  z.maxLength(253),
  z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase domain name such as api.example.com'),
);

export const throttle = z.strictObject({
  rateLimit: z.int().check(z.minimum(1), z.maximum(10_000)),
  burstLimit: z.int().check(z.minimum(1), z.maximum(5_000)),
});

export type Throttle = z.infer<typeof throttle>;
