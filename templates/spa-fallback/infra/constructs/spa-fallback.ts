import { FunctionCode, FunctionEventType, Function as CloudFrontFunction, FunctionRuntime, type FunctionAssociation } from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

const code = fileURLToPath(new URL('../../edge/spa-fallback.js', import.meta.url));

/**
 * Serves index.html for the app's own routes, as a CloudFront Function on the S3 behavior.
 * Not distribution-wide error responses (403/404 → index.html): on a distribution that
 * also serves `/api/*` those would turn every API 404 into a 200 HTML page.
 */
export class SpaFallback extends Construct {
  readonly association: FunctionAssociation;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new CloudFrontFunction(this, 'Function', {
      code: FunctionCode.fromFile({ filePath: code }),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves index.html for single-page-app routes',
    });
    this.association = { function: fn, eventType: FunctionEventType.VIEWER_REQUEST };
  }
}
