import { Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { config } from '../config.js';
import { removalPolicy } from '../constructs/removal-policy.js';
import { type ApiAuthorization, ServiceApi } from '../constructs/service-api.js';
import { ServiceFunction } from '../constructs/service-function.js';
import type { ServiceModels } from '../service-models.js';
import { operations } from './operations.js';

export interface ServiceStackProps extends StackProps {
  readonly service: string;
  /** The bodies create and update accept: the handlers' own zod schemas. */
  readonly models: ServiceModels;
  /** A SPA's origin (e.g. `https://d111.cloudfront.net`): the only origin allowed to call this API from a browser. */
  readonly corsOrigin?: string;
  /** Who may call the API; without it the API is public. */
  readonly authorization?: ApiAuthorization;
}

/** One service: its table, one function per operation, and the REST API in front of them. */
export class ServiceStack extends Stack {
  readonly service: string;
  readonly api: ServiceApi;
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { service, corsOrigin } = props;
    this.service = service;

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.dataRemoval === 'retain',
      removalPolicy: removalPolicy(),
    });

    this.api = new ServiceApi(this, 'Api', {
      name: id,
      models: props.models,
      corsOrigin,
      // Behind its own distribution, the API requires the key that only CloudFront sends.
      requireApiKey: config.site?.apiAccess === 'cloudfront',
      authorization: props.authorization,
    });
    // On the site's own distribution, `/api/*` reaches the API unchanged: its routes start at /api.
    const base = config.site?.apiAccess === 'same-origin' ? this.api.root.addResource('api') : this.api.root;
    const collection = base.addResource(service);
    const item = collection.addResource('{id}');

    for (const operation of operations) {
      const fn = new ServiceFunction(this, operation.id, {
        entry: `services/${service}/handlers/${operation.handler}.ts`,
        description: `${service}: ${operation.description}`,
        environment: { TABLE_NAME: this.table.tableName, ...(corsOrigin && { ALLOWED_ORIGIN: corsOrigin }) },
      });
      // Single responsibility, least privilege: each function may call only its own DynamoDB action.
      this.table.grant(fn.function, ...operation.actions);
      this.api.route(operation.on === 'item' ? item : collection, operation, fn.function);
    }
  }
}
