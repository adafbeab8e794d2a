import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { config } from './config.js';
import { serviceModels } from './service-models.js';
import { ApiDomainStack } from './stacks/api-domain-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** Adds every stack of the app to `app`; the CDK entry point, the deploy script and the tests share it. */
export function defineApp(app: App) {
  Tags.of(app).add('app', config.appName);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  if (config.apiDomain && config.serviceTargets) {
    throw new Error('infra/config.ts: apiDomain serves services of one account; with serviceTargets give each service its own domain');
  }

  const services = config.services.map((service) => {
    const target = config.serviceTargets?.[service];
    return new ServiceStack(app, `${config.appName}-${service}`, {
      env: target ? { account: target.account, region: target.region } : config.env,
      service,
      models: serviceModels[service]!,
      domain: target?.domain,
      // Behind a custom domain the service is the base path (or the host), so its routes start at /.
      mountAtRoot: Boolean(config.apiDomain ?? target?.domain),
      description: `${config.appName}: the ${service} service (API, functions, table)`,
    });
  });

  if (config.apiDomain) {
    new ApiDomainStack(app, `${config.appName}-domain`, {
      env: config.env,
      domain: config.apiDomain,
      apis: services.map((stack) => ({ service: stack.service, api: stack.api.restApi })),
      description: `${config.appName}: https://${config.apiDomain.name}/<service> for every service`,
    });
  }

  /** Stacks that deploy with a profile of their own; the rest use --profile or AWS_PROFILE. */
  const profiles = Object.fromEntries(
    Object.entries(config.serviceTargets ?? {}).flatMap(([service, target]) => (target.profile ? [[`${config.appName}-${service}`, target.profile]] : [])),
  );
  return { services, profiles };
}
