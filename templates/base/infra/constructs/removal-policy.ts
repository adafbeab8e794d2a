import { RemovalPolicy } from 'aws-cdk-lib';
import { config } from '../config.js';

/**
 * What happens to a resource that holds data (a table, a log group, a queue, the user pool)
 * when its stack is deleted: kept, unless this is a throwaway stage (`dataRemoval: 'destroy'`).
 *
 * Kept with RETAIN_ON_UPDATE_OR_DELETE, not RETAIN: a stack whose first deployment fails
 * deletes what it had just created, so nothing is left behind to block the next attempt.
 * `npm run destroy` lists what it kept and how to delete each.
 */
export function removalPolicy(): RemovalPolicy {
  return config.dataRemoval === 'retain' ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY;
}

/**
 * The same for a bucket. CloudFormation cannot delete a bucket that still has objects, so
 * when the stage is throwaway a CDK custom resource empties it first.
 */
export function bucketRemoval(): { removalPolicy: RemovalPolicy; autoDeleteObjects: boolean } {
  return { removalPolicy: removalPolicy(), autoDeleteObjects: config.dataRemoval === 'destroy' };
}
