import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  Cors,
  AuthorizationType,
  EndpointType,
  type IAuthorizer,
  type Integration,
  type IntegrationResponse,
  type IResource,
  type JsonSchema,
  LambdaIntegration,
  LogGroupLogDestination,
  ResponseType,
  type Method,
  type MethodResponse,
  MethodLoggingLevel,
  MockIntegration,
  type Model,
  PassthroughBehavior,
  type RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import { config } from '../config.js';
import type { ServiceModels } from '../service-models.js';
import { stageOf } from '../stage.js';
import { removalPolicy } from './removal-policy.js';

export interface ServiceApiProps {
  readonly name: string;
  /** What POST and PUT bodies must look like; anything else is refused with 400 before a function runs. */
  readonly models: ServiceModels;
  /** The one browser origin allowed to call the API (CORS); none means no CORS at all. */
  readonly corsOrigin?: string;
  /** Every method but `GET /health` requires an API key: the secret a CloudFront distribution adds in front of it. */
  readonly requireApiKey?: boolean;
  /** A custom domain serves the API: its default execute-api endpoint is switched off. */
  readonly customDomain?: boolean;
  /** Who may call the routes; without it the API is public (generated without --auth). */
  readonly authorization?: ApiAuthorization;
}

/** How one route is guarded. */
export interface RouteGuard {
  readonly authorizer: IAuthorizer;
  /** Why cdk-nag's COG4 ("no Cognito authorizer") is acceptable, when the authorizer is not Cognito's. */
  readonly notCognitoBecause?: string;
}

/** Picks the authorizer for each route of one API. */
export interface ApiAuthorization {
  /** Creates the API's own authorizers (an authorizer belongs to exactly one REST API). */
  bind(api: RestApi): (route: Route) => RouteGuard;
}

export interface Route {
  readonly method: string;
  readonly body?: keyof ServiceModels;
  /** Request parameters such as `path.id` or `querystring.limit`; true when required. */
  readonly parameters: Readonly<Record<string, boolean>>;
}

/**
 * A REST API with stage throttling, an optional GET cache, request validation, JSON access
 * logs and tracing. Routes added through `route` validate their path and body.
 */
export class ServiceApi extends Construct {
  readonly restApi: RestApi;
  /** Every method requires the key only a CloudFront distribution sends: nobody calls the API directly. */
  readonly requiresApiKey: boolean;
  private readonly validator: RequestValidator;
  private readonly models: Record<keyof ServiceModels, Model>;
  private readonly guard?: (route: Route) => RouteGuard;
  /** What every response carries for the browser when a site on another origin calls this API. */
  private readonly corsHeaders: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ServiceApiProps) {
    super(scope, id);
    const { cache, endpointType } = config.api;
    const stage = stageOf(this);
    const { corsOrigin, requireApiKey = false, customDomain = false } = props;
    this.requiresApiKey = requireApiKey;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stage.logRetention,
      removalPolicy: removalPolicy(this),
    });

    this.restApi = new RestApi(this, 'Api', {
      restApiName: props.name,
      endpointTypes: [EndpointType[endpointType]],
      // One way in: the domain, with its TLS policy and base paths, not also the execute-api address.
      disableExecuteApiEndpoint: customDomain,
      // Execution logs need API Gateway's account-level role: ApiGatewayAccountStack sets it, once per account and region.
      cloudWatchRole: false,
      defaultMethodOptions: { apiKeyRequired: requireApiKey },
      // Preflight answered by API Gateway itself; the functions add the same origin to their responses.
      defaultCorsPreflightOptions: corsOrigin
        ? { allowOrigins: [corsOrigin], allowMethods: Cors.ALL_METHODS, allowHeaders: ['Content-Type', 'Authorization'], maxAge: Duration.hours(1) }
        : undefined,
      deployOptions: {
        stageName: stage.name,
        throttlingRateLimit: stage.throttle.rateLimit,
        throttlingBurstLimit: stage.throttle.burstLimit,
        tracingEnabled: stage.tracing !== false,
        // Per-method metrics cost money and nothing reads them unless the stage asks (detailedMetrics).
        metricsEnabled: stage.detailedMetrics,
        loggingLevel: MethodLoggingLevel.ERROR,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        cacheClusterEnabled: cache.enabled,
        cacheClusterSize: cache.enabled ? cache.sizeGb : undefined,
        methodOptions: cache.enabled
          ? { '/*/GET': { cachingEnabled: true, cacheTtl: Duration.seconds(cache.ttlSeconds), cacheDataEncrypted: true } }
          : undefined,
      },
    });

    this.corsHeaders = corsOrigin ? { 'Access-Control-Allow-Origin': `'${corsOrigin}'`, Vary: "'Origin'" } : {};
    if (corsOrigin) {
      // Errors API Gateway answers itself (a 400 from validation, a 429 from throttling) carry
      // the CORS header too, so the browser lets the page read them.
      for (const type of [ResponseType.DEFAULT_4XX, ResponseType.DEFAULT_5XX]) {
        this.restApi.addGatewayResponse(`Cors${type.responseType}`, { type, responseHeaders: this.corsHeaders });
      }
    }

    this.validator = this.restApi.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.models = {
      create: this.addModel('CreateBody', props.models.create),
      replace: this.addModel('ReplaceBody', props.models.replace),
    };

    this.guard = props.authorization?.bind(this.restApi);
    this.addHealthCheck();

    if (!config.waf) {
      Validations.of(this.restApi).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: 'No WAF by default (a web ACL costs money from its first hour); stage throttling limits abuse. Generate with --waf (or add `waf` to infra/config.ts and infra/waf.ts) when the API is exposed to untrusted traffic at scale.',
      });
    } else if (requireApiKey) {
      Validations.of(this.restApi).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: "Only CloudFront reaches this API (every method requires the key it sends): the distribution's web ACL inspects each request with the visitor's address, where a web ACL here would see only CloudFront's.",
      });
    }
  }

  /**
   * `GET /health`: answered by API Gateway itself (a mock integration, so no function runs
   * and nothing is billed beyond the request), and public even when every other route
   * requires a token or the API key only CloudFront knows, so that monitors and load
   * balancers need no credentials: it reveals nothing and runs nothing.
   */
  private addHealthCheck() {
    const method = this.restApi.root.addResource('health').addMethod(
      'GET',
      new MockIntegration({
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestTemplates: { 'application/json': '{ "statusCode": 200 }' },
        integrationResponses: [{ statusCode: '200', responseTemplates: { 'application/json': '{ "status": "ok" }' } }],
      }),
      { authorizationType: AuthorizationType.NONE, apiKeyRequired: false, methodResponses: [{ statusCode: '200' }] },
    );
    Validations.of(method).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: 'GET /health is public by design: it reveals nothing and runs no code (a mock integration).' },
      { id: 'AwsSolutions-COG4', reason: 'GET /health is public by design: it reveals nothing and runs no code (a mock integration).' },
    );
  }

  private addModel(id: string, schema: z.ZodMiniType): Model {
    // API Gateway speaks JSON Schema draft 4; the handlers' zod schemas are the single source.
    const jsonSchema = z.toJSONSchema(schema, { target: 'draft-04' }) as JsonSchema;
    return this.restApi.addModel(id, { contentType: 'application/json', schema: jsonSchema });
  }

  get root(): IResource {
    return this.restApi.root;
  }

  /** Whether an authorizer guards the routes, so that a request has a verified caller. */
  get authorized(): boolean {
    return this.guard !== undefined;
  }

  /**
   * The responses of an integration that answers without a function (a direct call to
   * another AWS service), each with the CORS headers the functions add to theirs: without
   * them the browser hides even a 202 from the page.
   */
  withCors(responses: IntegrationResponse[]): IntegrationResponse[] {
    const headers = Object.entries(this.corsHeaders).map(([name, value]) => [`method.response.header.${name}`, value]);
    if (headers.length === 0) return responses;
    return responses.map((response) => ({ ...response, responseParameters: { ...response.responseParameters, ...Object.fromEntries(headers) } }));
  }

  /** Sends `route.method` on `resource` to `handler`, validating its parameters and body first. */
  route(resource: IResource, route: Route, handler: IFunction) {
    // GET responses are cached per id, page size and cursor, never across them; behind an
    // authorizer the answer depends on who asks, so per caller's token too.
    const parameters = this.guard && route.method === 'GET' ? { ...route.parameters, 'header.Authorization': false } : route.parameters;
    const cacheKeyParameters = Object.keys(parameters).map((name) => `method.request.${name}`);
    this.integrate(resource, { ...route, parameters }, new LambdaIntegration(handler, { cacheKeyParameters }));
  }

  /**
   * Sends `route.method` on `resource` to any integration, such as a direct call to another
   * AWS service, with the same validation and authorization as `route`. `methodResponses`
   * declares the status codes a non-proxy integration answers with.
   */
  integrate(resource: IResource, route: Route, integration: Integration, methodResponses?: MethodResponse[]) {
    const requestParameters = Object.fromEntries(
      Object.entries(route.parameters).map(([name, required]) => [`method.request.${name}`, required]),
    );
    const guard = this.guard?.(route);
    // A method response declares the headers its integration responses set (see withCors).
    const cors = Object.keys(this.corsHeaders).map((name) => [`method.response.header.${name}`, true] as const);
    const declared = (response: MethodResponse): MethodResponse =>
      cors.length ? { ...response, responseParameters: { ...Object.fromEntries(cors), ...response.responseParameters } } : response;
    const method = resource.addMethod(route.method, integration, {
      requestValidator: this.validator,
      requestParameters,
      requestModels: route.body ? { 'application/json': this.models[route.body] } : undefined,
      methodResponses: methodResponses?.map(declared),
      authorizer: guard?.authorizer,
    });
    this.acknowledgeAuthorization(method, guard);
  }

  /** The cdk-nag findings about authorization that are right for this method, and only those. */
  private acknowledgeAuthorization(method: Method, guard: RouteGuard | undefined) {
    if (!guard) {
      Validations.of(method).acknowledge(
        { id: 'AwsSolutions-APIG4', reason: 'This API has no authorizer: it was generated without --auth. Regenerate with --auth cognito or --auth lambda to protect it.' },
        { id: 'AwsSolutions-COG4', reason: 'This API has no Cognito authorizer: it was generated without --auth cognito.' },
      );
    } else if (guard.notCognitoBecause) {
      Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: guard.notCognitoBecause });
    }
  }
}
