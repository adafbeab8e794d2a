import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { retry } from './retry.js';
import { createSiteAuth, type SignInSettings } from './sign-in.js';
import { spaRoute } from './spa-route.js';
import { startOnce } from './start-once.js';

// Lambda@Edge has no environment variables. esbuild writes these at synth, from
// infra/config.ts (see infra/constructs/site-auth.ts): where the user pool's settings are.
declare const SITE_AUTH_PARAMETER: string;
declare const SITE_AUTH_REGION: string;
/** The site's custom domain, or '' to use the distribution's own. */
declare const SITE_DOMAIN: string;

// A viewer-request function has 5 seconds. Each read of the settings gets at most 1.5 s
// (the SDK's own retries off: the attempts are counted here), three reads at most with
// 0.1-0.3 s between them: under 5 s, and a cold start that had to retry still usually
// leaves time to answer.
const ssm = new SSMClient({ region: SITE_AUTH_REGION, maxAttempts: 1, requestHandler: { connectionTimeout: 500, requestTimeout: 1000 } });

/**
 * The gate, built on the first request of each function instance: the user pool's ids are
 * read from SSM (they exist only after the site stack deploys, long after this function's
 * code was bundled); the user pool's signing keys are fetched and cached by aws-jwt-verify.
 * A read that still fails after its retries fails this request only: the next one starts
 * over, so one throttled call never leaves an instance refusing everyone.
 */
const siteAuth = startOnce(async () => {
  const settings = await retry(readSettings, { attempts: 3, firstDelayMs: 100 });
  const verifier = CognitoJwtVerifier.create({ userPoolId: settings.userPoolId, tokenUse: 'id', clientId: settings.clientId });
  return createSiteAuth({
    settings,
    verify: (token) => verifier.verify(token),
    exchangeCode: async ({ code, verifier: codeVerifier, redirectUri }) => {
      const response = await fetch(new URL('/oauth2/token', settings.signInUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: settings.clientId, code, redirect_uri: redirectUri, code_verifier: codeVerifier }),
      });
      if (!response.ok) throw new Error(`Token endpoint answered ${response.status}`);
      return (await response.json()) as { id_token: string };
    },
  });
});

async function readSettings(): Promise<SignInSettings> {
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: SITE_AUTH_PARAMETER }));
  return JSON.parse(Parameter!.Value!) as SignInSettings;
}

export async function handler(event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> {
  const { request, config } = event.Records[0]!.cf;
  const check = await siteAuth();
  // The address the visitor used, to come back to after signing in: its Host header (the custom
  // domain or the distribution's own; CloudFront serves no other, and Cognito returns only to
  // the callbacks the app client lists).
  const viewerHost = request.headers.host?.[0]?.value;
  const result = await check(request, viewerHost || SITE_DOMAIN || config.distributionDomainName);
  // Signed in: the gate also serves the app's routes from index.html (no CloudFront Function
  // may share the viewer events with it).
  if (result === request) request.uri = spaRoute(request.uri);
  return result;
}
