import ajvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import type { LocalApp } from './local-app.js';
import type { RestMethod } from './rest-api.js';

export interface CheckedRequest {
  readonly contentType: string;
  readonly body: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * API Gateway's request validation: required parameters, and the body against the method's
 * model for its content type (JSON Schema draft 4, the model CDK generated from the zod
 * schema). Which checks run is the method's request validator's say.
 */
export class RequestChecks {
  // ajv-draft-04 is CommonJS: its class is the default export's `default`.
  // Formats are not checked: the pattern zod writes beside each one (a UUID's, say) is.
  private readonly ajv = new ajvDraft04.default({ strict: false, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly app: LocalApp) {}

  /** The names of required parameters the request lacks, or undefined when parameters are not validated. */
  missingParameters(method: RestMethod, request: CheckedRequest): string[] {
    if (!this.validator(method)?.ValidateRequestParameters) return [];
    const present = (location: string, name: string) =>
      location === 'path' ? request.pathParameters[name] !== undefined : location === 'querystring' ? request.query.has(name) : request.headers[name.toLowerCase()] !== undefined;
    return Object.entries<boolean>(method.definition.RequestParameters ?? {})
      .filter(([, required]) => required)
      .map(([key]) => /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key))
      .filter((match): match is RegExpExecArray => match !== null && !present(match[1]!, match[2]!))
      .map((match) => match[2]!);
  }

  bodyIsValid(method: RestMethod, request: CheckedRequest): boolean {
    if (!this.validator(method)?.ValidateRequestBody) return true;
    const modelName: string | undefined = method.definition.RequestModels?.[request.contentType];
    const model = modelName && this.app.find('AWS::ApiGateway::Model', modelName);
    if (!model) return true;
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return false;
    }
    return this.schema(model.path, model.properties.Schema)(body);
  }

  /** Compiles ahead the models of the methods that validate their body, so that no first request waits for it. */
  compileModels(methods: readonly RestMethod[]) {
    for (const method of methods) {
      if (!this.validator(method)?.ValidateRequestBody) continue;
      for (const modelName of Object.values<string>(method.definition.RequestModels ?? {})) {
        const model = this.app.find('AWS::ApiGateway::Model', modelName);
        if (model) this.schema(model.path, model.properties.Schema);
      }
    }
  }

  private validator(method: RestMethod) {
    const id = method.definition.RequestValidatorId;
    return id ? this.app.find('AWS::ApiGateway::RequestValidator', id)?.properties : undefined;
  }

  private schema(path: string, schema: unknown): ValidateFunction {
    const cached = this.compiled.get(path);
    if (cached) return cached;
    const validate = this.ajv.compile(typeof schema === 'string' ? (JSON.parse(schema) as object) : (schema as object));
    this.compiled.set(path, validate);
    return validate;
  }
}
