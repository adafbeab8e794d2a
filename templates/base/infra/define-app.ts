import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { config } from './config.js';
import { serviceModels } from './service-models.js';
import { ServiceStack } from './stacks/service-stack.js';

/** Adds every stack of the app to `app`; the CDK entry point, the deploy script and the tests share it. */
export function defineApp(app: App) {
  Tags.of(app).add('app', config.appName);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const services = config.services.map(
    (service) =>
      new ServiceStack(app, `${config.appName}-${service}`, {
        env: config.env,
        service,
        models: serviceModels[service]!,
        description: `${config.appName}: the ${service} service (API, functions, table)`,
      }),
  );
  /** Stacks that deploy with a profile of their own; the rest use --profile or AWS_PROFILE. */
  const profiles: Record<string, string> = {};
  return { services, profiles };
}
