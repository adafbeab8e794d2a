import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IRestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import type { DomainConfig } from '../config-types.js';
import { ApiDomain } from '../constructs/api-domain.js';

export interface ApiDomainStackProps extends StackProps {
  readonly domain: DomainConfig;
  /** Each service's API, served under `/<service>` on the one domain. */
  readonly apis: readonly { readonly service: string; readonly api: IRestApi }[];
}

/**
 * One custom domain in front of every service of a single-account app: each service keeps
 * its own API and stack, and is reached at https://<domain>/<service>. It deploys after the
 * services; each service still deploys on its own.
 */
export class ApiDomainStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiDomainStackProps) {
    super(scope, id, props);
    const domain = new ApiDomain(this, 'Domain', props.domain);
    for (const { service, api } of props.apis) domain.map(api, service);
  }
}
