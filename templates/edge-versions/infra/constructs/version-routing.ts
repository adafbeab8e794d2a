import { CfnOutput } from 'aws-cdk-lib';
import {
  Function as CloudFrontFunction,
  type FunctionAssociation,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  ImportSource,
  KeyValueStore,
} from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { cloudFrontName } from './cloudfront-names.js';

const edgeFile = (name: string) => readFileSync(new URL(`../../edge/${name}`, import.meta.url), 'utf8');

/**
 * Routes each visitor, stickily, to the current site, the next version (`/v-next/`, progressive
 * rollout) or variant B (`/v-b/`, A/B test): two CloudFront Functions and the KeyValueStore
 * that holds the percentages. Both start at 0, so nobody is routed until the other version is
 * uploaded and a percentage is raised (see the README).
 */
export class VersionRouting extends Construct {
  /** Where the other versions live in the site bucket. */
  static readonly prefixes = ['v-next/', 'v-b/'] as const;

  readonly store: KeyValueStore;
  readonly associations: FunctionAssociation[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.store = new KeyValueStore(this, 'Shares', {
      keyValueStoreName: cloudFrontName(this),
      comment: 'Percentages of visitors routed to /v-next/ (rollout-percent) and /v-b/ (ab-percent-b)',
      source: ImportSource.fromInline(
        JSON.stringify({ data: [{ key: 'rollout-percent', value: '0' }, { key: 'ab-percent-b', value: '0' }] }),
      ),
    });

    const router = new CloudFrontFunction(this, 'Router', {
      // The store's id is only known at deploy time; CloudFormation writes it into the code.
      code: FunctionCode.fromInline(edgeFile('version-router.js').replace('__KEY_VALUE_STORE_ID__', this.store.keyValueStoreId)),
      runtime: FunctionRuntime.JS_2_0,
      keyValueStore: this.store,
      comment: 'Sticky A/B and rollout routing, and the SPA fallback',
    });
    const cookie = new CloudFrontFunction(this, 'Cookie', {
      code: FunctionCode.fromInline(edgeFile('version-cookie.js')),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Sets the sticky version cookie',
    });
    this.associations = [
      { function: router, eventType: FunctionEventType.VIEWER_REQUEST },
      { function: cookie, eventType: FunctionEventType.VIEWER_RESPONSE },
    ];

    new CfnOutput(this, 'KeyValueStoreArn', {
      value: this.store.keyValueStoreArn,
      description: 'Change the rollout and A/B percentages here: aws cloudfront-keyvaluestore put-key --kvs-arn <this> ...',
    });
  }
}
