import { Aspects } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import { stageOf } from '../stage.js';

/**
 * Every log group in `scope` keeps its events for the stage's `logRetention`, also those
 * aws-cdk-lib makes for its own functions (the one that deploys the site, a Lambda@Edge
 * function's group in us-east-1), which would keep them two years.
 */
export function applyLogRetention(scope: IConstruct) {
  Aspects.of(scope).add({
    visit(node: IConstruct) {
      if (node instanceof CfnLogGroup) node.retentionInDays = stageOf(node).logRetention;
    },
  });
}
