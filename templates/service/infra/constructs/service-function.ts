import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, Function, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { config } from '../config.js';
import { stageOf } from '../stage.js';
import { FunctionBundles } from './function-bundles.js';
import { removalPolicy } from './removal-policy.js';

export interface ServiceFunctionProps {
  /** The handler's source file, relative to the project root. */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  /**
   * The secrets the handler reads (README: "Secrets"): SSM parameters (SecureString) under
   * `/<app>/<stage>/secrets/`, set with `npm run secret`. The function may read exactly these.
   */
  readonly secrets?: readonly SecretName[];
}

/** Upper-case letters, digits and underscores, like an environment variable: `PAYMENT_API_KEY`. */
export type SecretName = Uppercase<string>;
const secretNamePattern = /^[A-Z][A-Z0-9_]*$/;

/**
 * A Lambda function with the defaults this project wants everywhere: the current Node.js
 * runtime on Graviton, JSON logs in a log group with retention, X-Ray tracing (per stage), a small ESM
 * bundle built by esbuild (function-bundles.ts; no Docker), and a role of its own that starts with no permissions
 * beyond writing its logs and traces.
 */
export class ServiceFunction extends Construct {
  readonly function: Function;
  readonly role: Role;
  /** The handler's source file, relative to the project root; `npm run dev` runs it from there. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.entry = props.entry;
    const stage = stageOf(this);

    const logGroup = new LogGroup(this, 'Logs', {
      retention: stage.logRetention,
      removalPolicy: removalPolicy(this),
    });
    // An explicit role instead of the default one, which carries the AWS-managed
    // AWSLambdaBasicExecutionRole (write access to every log group in the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    logGroup.grantWrite(this.role);

    this.function = new Function(this, 'Function', {
      code: FunctionBundles.of(this).code(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Lambda passes the level on as AWS_LAMBDA_LOG_LEVEL, which Powertools' logger follows.
      applicationLogLevelV2: ApplicationLogLevel[stage.logLevel],
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: stage.tracing === false ? Tracing.DISABLED : Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // Powertools (services/<service>/lib/powertools.ts): the service in every log line,
        // trace annotation and metric dimension; the metrics' namespace (one per stage); the log level.
        POWERTOOLS_SERVICE_NAME: serviceOf(props.entry),
        POWERTOOLS_METRICS_NAMESPACE: stage.prefix,
        POWERTOOLS_LOG_LEVEL: stage.logLevel,
        POWERTOOLS_TRACE_ENABLED: String(stage.tracing === true),
        ...props.environment,
      },
    });

    // Where `npm run dev` (the serverless-pattern toolkit) finds the handler to run and rebuild as it changes.
    this.function.node.defaultChild!.node.addMetadata('serverless-pattern:entry', props.entry);
    if (props.secrets?.length) this.readSecrets(props.secrets);

    if (stage.tracing !== false) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
      });
    }
  }

  /**
   * GetParameter(s) on exactly these parameters, and their path in SECRETS_PATH. No kms:Decrypt:
   * SecureStrings use the account's AWS-managed key (aws/ssm), whose key policy lets SSM
   * decrypt for any principal of the account that may read the parameter.
   */
  private readSecrets(names: readonly SecretName[]) {
    const invalid = names.find((name) => !secretNamePattern.test(name));
    if (invalid !== undefined) throw new Error(`${this.node.path}: secret ${JSON.stringify(invalid)}: use upper-case letters, digits and underscores, starting with a letter`);
    const path = secretsPath(stageOf(this).name);
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: names.map((name) => Stack.of(this).formatArn({ service: 'ssm', resource: 'parameter', resourceName: `${path.slice(1)}/${name}` })),
      }),
    );
    this.function.addEnvironment('SECRETS_PATH', path);
    // Where `npm run secret` stores them and `npm run dev` answers them from secrets.local.json (the toolkit's README: "Secrets").
    this.function.node.defaultChild!.node.addMetadata('serverless-pattern:secrets', { path, names });
  }
}

/** Where a stage's secrets are in SSM Parameter Store: `/my-app/dev/secrets`. */
export function secretsPath(stageName: string): string {
  return `/${config.appName}/${stageName}/secrets`;
}

/** `services/<service>/handlers/<handler>.ts`: a handler's source file, relative to the project root. */
export function handlerEntry(service: string, handler: string): string {
  return `services/${service}/handlers/${handler}.ts`;
}

/** `services/orders/handlers/get.ts` → `orders`; a function outside services/ (an authorizer) is named by its folder. */
function serviceOf(entry: string): string {
  return /^services\/([^/]+)\//.exec(entry)?.[1] ?? entry.split('/')[0]!;
}
