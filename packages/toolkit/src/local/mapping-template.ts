import { Compile, parse } from 'velocityjs';

/** What a mapping template sees of the request: `$input`, `$context`, `$util`. */
export interface TemplateRequest {
  readonly body: string;
  readonly params: { readonly path: Record<string, string>; readonly querystring: Record<string, string>; readonly header: Record<string, string> };
  readonly context: Record<string, unknown>;
}

/** A template's output, and the status and headers it set (`#set($context.responseOverride.status = 429)`). */
export interface Rendered {
  readonly output: string;
  readonly statusOverride?: number;
  readonly headerOverrides: Readonly<Record<string, string>>;
}

/**
 * Renders an API Gateway mapping template (Velocity) as API Gateway does, with velocityjs
 * (as serverless-offline does): `$input.body/json/path/params`, `$util`, `$context`, and the
 * Java string methods templates call (`contains`, `equals`, `length()`...).
 */
export function renderTemplate(template: string, request: TemplateRequest): Rendered {
  const data = () => JSON.parse(request.body || '{}') as unknown;
  const responseOverride: { status?: number; header: Record<string, string> } = { header: {} };
  const context = { ...request.context, responseOverride };
  const input = {
    body: request.body,
    json: (path: string) => JSON.stringify(jsonPath(data(), path) ?? null),
    path: (path: string) => jsonPath(data(), path),
    params: (name?: string) => {
      if (name === undefined) return request.params;
      const { path, querystring, header } = request.params;
      return path[name] ?? querystring[name] ?? header[name] ?? '';
    },
  };
  const util = {
    escapeJavaScript: (text: string) => JSON.stringify(String(text)).slice(1, -1).replaceAll("'", "\\'"),
    parseJson: (text: string) => JSON.parse(text) as unknown,
    urlEncode: (text: string) => encodeURIComponent(text).replace(/%20/g, '+'),
    urlDecode: (text: string) => decodeURIComponent(text.replace(/\+/g, ' ')),
    base64Encode: (text: string) => Buffer.from(text).toString('base64'),
    base64Decode: (text: string) => Buffer.from(text, 'base64').toString('utf8'),
  };
  const output = new Compile(parse(template), { escape: false, customMethodHandlers: javaStringMethods }).render({ input, util, context });
  return { output, statusOverride: responseOverride.status, headerOverrides: responseOverride.header };
}

/** `$.a.b[0]`: the JSONPath subset mapping templates use. */
function jsonPath(value: unknown, path: string): unknown {
  const steps = path.replace(/^\$/, '').match(/[^.[\]'"]+/g) ?? [];
  return steps.reduce<unknown>((current, step) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[step] : undefined), value);
}

const javaString = {
  contains: (text: string, part: string) => text.includes(part),
  equals: (text: string, other: unknown) => text === other,
  equalsIgnoreCase: (text: string, other: unknown) => text.toLowerCase() === String(other).toLowerCase(),
  isEmpty: (text: string) => text.length === 0,
  length: (text: string) => text.length,
  matches: (text: string, pattern: string) => new RegExp(`^(?:${pattern})$`).test(text),
} as const;

const javaStringMethods = [
  {
    uid: 'java-string',
    match: ({ property, context }: { property: string; context: unknown }) => typeof context === 'string' && property in javaString,
    resolve: ({ property, context, params }: { property: string; context: unknown; params: unknown[] }) =>
      (javaString[property as keyof typeof javaString] as (text: string, ...args: unknown[]) => unknown)(context as string, ...params),
  },
];
