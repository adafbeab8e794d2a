import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { config } from './config.js';
import { ServiceStack } from './stacks/service-stack.js';
import { serviceModels } from './service-models.js';

/** Adds every stack of the app to `app`; the CDK entry point and the tests share it. */
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
  return { services };
}
