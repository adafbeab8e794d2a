import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource, Stack, type StackProps } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

/**
 * A small CDK app, written here by hand, synthesized into a cloud assembly (what `cdk synth`
 * writes to cdk.out): the toolkit plans from nothing else.
 */
export function synthesize(define: (app: App) => void, outdir = mkdtempSync(join(tmpdir(), 'toolkit-assembly-'))): CloudAssembly {
  const app = new App({ outdir });
  define(app);
  return app.synth();
}

/** A stack with one resource (CloudFormation refuses an empty template), `Topic`. */
export function stack(app: App, name: string, props: StackProps = {}): Stack {
  const created = new Stack(app, name, props);
  new CfnResource(created, 'Topic', { type: 'AWS::SNS::Topic' });
  return created;
}

export const order = (groups: readonly { stacks: readonly string[] }[]) => groups.flatMap((group) => group.stacks);
