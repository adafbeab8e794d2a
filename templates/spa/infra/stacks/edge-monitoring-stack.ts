import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiDistribution } from '../constructs/api-distribution.js';
import { EdgeMonitoring, type WatchedDistribution } from '../constructs/edge-monitoring.js';
import type { ServiceStack } from './service-stack.js';
import type { SiteStack } from './site-stack.js';

export interface EdgeMonitoringStackProps extends StackProps {
  readonly site: SiteStack;
  /** Their own distributions, with `site.apiAccess: 'cloudfront'`, are watched too. */
  readonly services: readonly ServiceStack[];
}

/**
 * The alarms and the dashboard (`<prefix>-edge`) of the app's CloudFront distributions, in
 * us-east-1, where CloudFront publishes its metrics, whatever the app's region. It reads the
 * distributions' ids from their stacks (in the app's region), so it deploys after them.
 */
export class EdgeMonitoringStack extends Stack {
  readonly monitoring: EdgeMonitoring;

  constructor(scope: Construct, id: string, props: EdgeMonitoringStackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') throw new Error(`EdgeMonitoringStack: CloudFront's metrics, and the alarms on them, are in us-east-1, not ${this.region}`);
    this.monitoring = new EdgeMonitoring(this, 'Monitoring');
    for (const distribution of watchedDistributions(props)) this.monitoring.watchDistribution(distribution);
  }
}

/** The site's distribution, and each API's own. */
function watchedDistributions({ site, services }: EdgeMonitoringStackProps): WatchedDistribution[] {
  const apis = services.flatMap((stack) =>
    stack.node
      .findAll()
      .filter((child): child is ApiDistribution => child instanceof ApiDistribution)
      .map((cdn) => ({ id: `${pascalCase(stack.service)}Api`, title: `the ${stack.service} API`, distribution: cdn.distribution, lambdaAtEdge: false })),
  );
  return [{ id: 'Site', title: 'the site', distribution: site.distribution, lambdaAtEdge: site.lambdaAtEdge }, ...apis];
}

const pascalCase = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
