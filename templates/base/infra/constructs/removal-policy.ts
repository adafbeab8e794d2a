import { RemovalPolicy } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { stageOf } from '../stage.js';

/**
 * What happens to a resource that holds data (a table, a log group, a queue, the user pool)
 * when its stack is deleted: kept, unless the stage is throwaway (`dataRemoval: 'destroy'`).
 *
 * Kept with RETAIN_ON_UPDATE_OR_DELETE, not RETAIN: a stack whose first deployment fails
 * deletes what it had just created, so nothing is left behind to block the next attempt.
 * `npm run destroy` lists what it kept and how to delete each.
 */
export function removalPolicy(scope: IConstruct): RemovalPolicy {
  return stageOf(scope).dataRemoval === 'retain' ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY;
}

/**
 * The same for a bucket. CloudFormation cannot delete a bucket that still has objects, so
 * when the stage is throwaway a CDK custom resource empties it first.
 */
export function bucketRemoval(scope: IConstruct): { removalPolicy: RemovalPolicy; autoDeleteObjects: boolean } {
  return { removalPolicy: removalPolicy(scope), autoDeleteObjects: stageOf(scope).dataRemoval === 'destroy' };
}
