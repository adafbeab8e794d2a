import { Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/define-app.js';
import { newApp, testApp } from '../support/app.js';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged with a reason (synth fails on any finding)', () => {
    expect(() => testApp().app.synth()).not.toThrow();
  });

  it('is wired into the app: a non-compliant resource fails synth', () => {
    // An app of its own: the probe must not leak into the shared one.
    const app = newApp();
    defineApp(app);
    new Bucket(new Stack(app, 'NagProbe'), 'NoLogsNoSsl');
    expect(() => app.synth()).toThrow();
  });
});
