import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { LocalFunctions } from './functions.js';
import type { Authorization, Authorizer } from './gateway.js';
import type { LocalApp } from './local-app.js';
import { functionFromUri } from './local-names.js';
import type { LocalIssuer, Tenant } from './local-issuer.js';
import type { RestMethod } from './rest-api.js';

/**
 * The authorizers of the app's APIs, as API Gateway runs them: a Cognito authorizer checks
 * the token against its user pool (here, the local issuer standing in for it); a Lambda
 * TOKEN authorizer runs its function and the returned policy decides, cached per token for
 * the authorizer's TTL.
 */
export class Authorizers implements Authorizer {
  private readonly cache = new Map<string, { until: number; result: APIGatewayAuthorizerResult }>();

  constructor(
    private readonly app: LocalApp,
    private readonly functions: LocalFunctions,
    private readonly issuer: LocalIssuer,
  ) {}

  async authorize(method: RestMethod, headers: Readonly<Record<string, string>>): Promise<Authorization> {
    const authorizer = this.app.find('AWS::ApiGateway::Authorizer', method.definition.AuthorizerId);
    if (!authorizer) return { allowed: true };
    const settings = authorizer.properties;
    const header = /^method\.request\.header\.(.+)$/.exec(settings.IdentitySource ?? '')?.[1]?.toLowerCase();
    const token = header ? headers[header] : undefined;
    if (!token) return { allowed: false, error: 'UNAUTHORIZED' };
    return settings.Type === 'COGNITO_USER_POOLS' ? this.userPool(settings, token) : this.lambda(method, authorizer.path, settings, token);
  }

  private userPool(settings: Record<string, any>, header: string): Authorization {
    const token = header.replace(/^Bearer /, '');
    const tenants = (settings.ProviderARNs as string[]).map((arn) => this.issuer.tenants.find((tenant) => arn.endsWith(`/${tenant.id}`))).filter((t): t is Tenant => !!t);
    for (const tenant of tenants) {
      const claims = this.issuer.verify(token, tenant);
      // Without OAuth scopes on the method, API Gateway takes ID tokens (for one of the pool's app clients).
      if (claims?.token_use === 'id' && tenant.audiences.includes(String(claims.aud))) {
        return { allowed: true, context: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)])) } };
      }
    }
    return { allowed: false, error: 'UNAUTHORIZED' };
  }

  private async lambda(method: RestMethod, path: string, settings: Record<string, any>, token: string): Promise<Authorization> {
    if (settings.Type !== 'TOKEN') return { allowed: false, error: 'AUTHORIZER_CONFIGURATION_ERROR' };
    if (settings.IdentityValidationExpression && !new RegExp(settings.IdentityValidationExpression).test(token)) return { allowed: false, error: 'UNAUTHORIZED' };
    const functionName = functionFromUri(settings.AuthorizerUri);
    const { api } = method;
    const methodArn = `arn:aws:execute-api:${api.resource.region}:000000000000:${api.id}/${api.stage}/${method.httpMethod}${method.resourcePath}`;
    const key = `${path} ${token}`;
    const cached = this.cache.get(key);
    let result = cached && cached.until > Date.now() ? cached.result : undefined;
    if (!result) {
      try {
        result = (await this.functions.invoke(functionName, { type: 'TOKEN', authorizationToken: token, methodArn })) as APIGatewayAuthorizerResult;
      } catch (error) {
        // The one error API Gateway turns into 401; anything else is the authorizer failing.
        return { allowed: false, error: error instanceof Error && error.message === 'Unauthorized' ? 'UNAUTHORIZED' : 'AUTHORIZER_CONFIGURATION_ERROR' };
      }
      const ttl = Number(settings.AuthorizerResultTtlInSeconds ?? 300);
      if (ttl > 0) this.cache.set(key, { until: Date.now() + ttl * 1000, result });
    }
    if (!allows(result, methodArn)) return { allowed: false, error: 'ACCESS_DENIED' };
    return { allowed: true, context: { ...result.context, principalId: result.principalId } };
  }
}

/** IAM's evaluation of the returned policy for this method: an explicit Deny wins, then an Allow; nothing is a Deny. */
function allows(result: APIGatewayAuthorizerResult, methodArn: string): boolean {
  const statements = (result.policyDocument?.Statement ?? []) as { Effect: string; Action?: string | string[]; Resource?: string | string[] }[];
  const matching = statements.filter((statement) =>
    [statement.Resource ?? []].flat().some((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`).test(methodArn)),
  );
  if (matching.some((statement) => statement.Effect === 'Deny')) return false;
  return matching.some((statement) => statement.Effect === 'Allow');
}
