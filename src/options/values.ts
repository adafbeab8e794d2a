import * as z from 'zod';

/**
 * Validators for the values a user types. Every value that ends up inside generated code
 * (a name, a domain) passes one of these first, so no input can break out of a string
 * literal or a path in what we render.
 */

/** Reserved because they would clash with generated folders, stacks or CDK ids. */
const reservedServiceNames = ['api', 'app', 'edge', 'frontend', 'infra', 'lib', 'node_modules', 'services', 'site', 'test', 'web'];

/** Valid as an npm package name and as a CloudFormation stack-name prefix. */
export const projectName = z
  .string()
  .min(1, 'must not be empty')
  .max(60, 'must be at most 60 characters (stack names add a suffix to it)')
  .regex(/^[a-z][a-z0-9-]*$/, 'must start with a lowercase letter and use only a-z, 0-9 and -')
  .refine((name) => !name.endsWith('-') && !name.includes('--'), 'must not end with - or contain --');

export const serviceName = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,29}$/, 'must be a lowercase letter followed by up to 29 letters or digits')
  .refine((name) => !reservedServiceNames.includes(name), {
    error: (issue) => `"${String(issue.input)}" is reserved (${reservedServiceNames.join(', ')} are)`,
  });

export const serviceNames = z
  .array(serviceName)
  .min(1, 'name at least one service')
  .max(10, 'at most 10 services')
  .refine((names) => new Set(names).size === names.length, 'service names must be unique');

export const awsRegion = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'is not an AWS region such as us-east-1');

export const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

export const domainName = z
  .string()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase domain name such as api.example.com');

export const throttle = z
  .object({
    rateLimit: z.number().int().min(1).max(10_000),
    burstLimit: z.number().int().min(1).max(5_000),
  })
  .strict();

export type Throttle = z.infer<typeof throttle>;
