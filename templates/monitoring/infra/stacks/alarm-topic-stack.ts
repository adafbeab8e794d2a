import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct, IConstruct } from 'constructs';
import { config } from '../config.js';
import { stageOf } from '../stage.js';

/** The name of the stage's alarm topic: every alarm of the stage in the environment notifies it. */
export function alarmTopicName(scope: IConstruct): string {
  return `${stageOf(scope).prefix}-alarms`;
}

/**
 * The topic the alarms in `scope`'s stack notify: the stage's, in the stack's own account and
 * region (an alarm can notify no other), found by name rather than through a cross-stack
 * reference, so the topic's stack can change without the others noticing. None in a stage
 * with `alarms: false`.
 */
export function alarmTopicOf(scope: IConstruct): ITopic | undefined {
  if (!stageOf(scope).alarms) return undefined;
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('AlarmTopic') as ITopic | undefined;
  return existing ?? Topic.fromTopicArn(stack, 'AlarmTopic', stack.formatArn({ service: 'sns', resource: alarmTopicName(stack) }));
}

/**
 * The SNS topic every alarm of the app notifies, one per account and region the app deploys
 * to (an alarm can only notify a topic of its own region; with one account that is one topic
 * for the whole app). `alarms.email` in `infra/config.ts` subscribes an address; subscribe
 * anything else (a chat webhook, an incident tool) to the topic yourself.
 *
 * Encrypted with a key of its own: CloudWatch cannot publish to a topic encrypted with the
 * AWS-managed SNS key.
 */
export class AlarmTopicStack extends Stack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    const key = new Key(this, 'Key', {
      description: `${stageOf(this).prefix}: encrypts the alarm notifications in ${alarmTopicName(this)}`,
      enableKeyRotation: true,
      // The key protects notifications in flight only: nothing stored needs it after the topic is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // What CloudWatch needs to publish to an encrypted topic (AWS's documented key policy).
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      topicName: alarmTopicName(this),
      displayName: `${stageOf(this).prefix} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one: say explicitly that this account's alarms may publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

    const email = config.alarms.email.trim();
    if (email) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`infra/config.ts: alarms.email must be an email address, not ${JSON.stringify(email)}`);
      // AWS sends a confirmation mail first: nothing arrives until the link in it is followed.
      this.topic.addSubscription(new EmailSubscription(email));
    }
  }
}
