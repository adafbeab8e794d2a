import type { LocalApp } from './local-app.js';

/**
 * The API keys each REST API accepts, as API Gateway decides it: a key (enabled) belongs to a
 * usage plan that includes one of the API's stages. A method with `apiKeyRequired` refuses a
 * request whose `x-api-key` header is not one of them with 403 before anything else runs.
 */
export class ApiKeys {
  private readonly byApi = new Map<string, string[]>();

  constructor(app: LocalApp) {
    const keys = app.ofType('AWS::ApiGateway::ApiKey').filter((key) => key.properties.Enabled !== false);
    for (const plan of app.ofType('AWS::ApiGateway::UsagePlan')) {
      const planId = app.referenceTo(plan);
      const values = app
        .ofType('AWS::ApiGateway::UsagePlanKey')
        .filter((member) => member.properties.UsagePlanId === planId && member.properties.KeyType === 'API_KEY')
        .flatMap((member) => keys.filter((key) => app.referenceTo(key) === member.properties.KeyId).map((key) => String(key.properties.Value)));
      for (const { ApiId } of (plan.properties.ApiStages ?? []) as { ApiId: string }[]) this.byApi.set(ApiId, [...(this.byApi.get(ApiId) ?? []), ...values]);
    }
  }

  /** The keys the API accepts (none: every method that requires one refuses every request). */
  of(apiId: string): readonly string[] {
    return this.byApi.get(apiId) ?? [];
  }

  accepts(apiId: string, key: string | undefined): boolean {
    return key !== undefined && this.of(apiId).includes(key);
  }
}
