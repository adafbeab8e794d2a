import { Annotations, Fn, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { copyBucketNames, otherVersionPrefixes } from '../constructs/site-edge.js';
import { connectOrigins, type RuntimeConfig, withConnectPolicy } from '../page-policy.js';
import { type SiteStack, siteBucketName } from './site-stack.js';

export interface SiteContentStackProps extends StackProps {
  readonly site: SiteStack;
  /** Written to `/config.json`, which the SPA reads when it starts: where each API is. */
  readonly runtimeConfig: RuntimeConfig;
}

const builtSite = fileURLToPath(new URL('../../frontend/dist', import.meta.url));

/**
 * Puts the built SPA and its config.json in the site's bucket, then invalidates the
 * distribution's cache. The API addresses reach the SPA here, at deploy time, so building
 * the SPA needs nothing from a deployment.
 */
export class SiteContentStack extends Stack {
  /** The origins index.html's own content security policy lets the page connect to (page-policy.ts). */
  readonly connectOrigins: readonly string[];

  constructor(scope: Construct, id: string, props: SiteContentStackProps) {
    super(scope, id, props);
    this.addStackDependency(props.site);
    const bucketName = siteBucketName(this);
    // An address from another stack is known at deploy time only: CloudFormation takes its origin apart.
    this.connectOrigins = connectOrigins(props.runtimeConfig, (url) => (Token.isUnresolved(url) ? `https://${Fn.select(2, Fn.split('/', url))}` : new URL(url).origin));
    // Sources that come later win: index.html with its policy, and config.json, over a local build's copies.
    const sources = [...this.siteSources(), Source.jsonData('config.json', props.runtimeConfig)];
    new BucketDeployment(this, 'Deploy', {
      sources,
      destinationBucket: Bucket.fromBucketName(this, 'SiteBucket', bucketName),
      // Other versions of the site, uploaded on their own, are neither replaced nor pruned.
      exclude: otherVersionPrefixes.map((prefix) => `${prefix}*`),
      distribution: props.site.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    // Buckets that serve the same files when the site bucket cannot (origin failover). They are
    // filled alongside it (the deployments share one function, so they cannot be ordered).
    copyBucketNames(this).forEach(
      (name, i) =>
        new BucketDeployment(this, `DeployCopy${i + 1}`, {
          sources,
          destinationBucket: Bucket.fromBucketName(this, `CopyBucket${i + 1}`, name),
          exclude: otherVersionPrefixes.map((prefix) => `${prefix}*`),
          memoryLimit: 512,
        }),
    );

    // cdk-nag names a wildcard resource after its ARN, writing unknown values as <AWS::...>.
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const partition = Token.isUnresolved(this.partition) ? '<AWS::Partition>' : this.partition;
    const nagName = bucketName.replace(this.account, account);
    for (const name of copyBucketNames(this)) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::${name.replace(this.account, account)}/*]`,
        reason: 'The deploy function replaces every file of the failover copy of the site, so it writes to any key of that bucket, and only that bucket.',
      });
    }
    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${this.region}/*]`,
        reason: 'The deploy function reads the zipped site from the CDK staging bucket, where any asset of the app may sit.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::${nagName}/*]`,
        reason: 'The deploy function replaces every file of the site, so it writes to any key of the site bucket, and only that bucket.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The CDK-provided function that copies the site into the bucket; it runs only during deployments.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: 'BucketDeployment grants the deploy function read access to its staging asset bucket; CDK owns these statements.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: 'BucketDeployment grants the deploy function read access to its staging asset bucket; CDK owns these statements.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:List*]',
        reason: 'BucketDeployment grants the deploy function read access to its staging asset bucket; CDK owns these statements.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        reason: 'The deploy function replaces the whole site, removing files a new build no longer has; it may touch only this bucket.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
        reason: 'The deploy function uploads the site to this bucket only; CDK grants these write actions as a group.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'CloudFront CreateInvalidation and GetInvalidation, which the deploy function calls after the upload, support no resource-level permissions in the policy CDK writes.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment function\'s runtime is chosen by aws-cdk-lib and moves with its releases.',
      },
    );
  }

  /**
   * The `vite build` output, its index.html with the page's own policy. Tests and a fresh clone
   * have none yet; they get a placeholder page and a warning (the deploy script always builds first).
   */
  private siteSources(): ISource[] {
    const page = `${builtSite}/index.html`;
    if (existsSync(page)) return [Source.asset(builtSite), Source.data('index.html', withConnectPolicy(readFileSync(page, 'utf8'), this.connectOrigins))];
    Annotations.of(this).addWarningV2('site:not-built', 'frontend/dist is missing: a placeholder page stands in for the SPA. Run the build script first.');
    return [Source.data('index.html', '<!doctype html><title>Not built</title><p>The site was deployed without building it first.</p>')];
  }
}
