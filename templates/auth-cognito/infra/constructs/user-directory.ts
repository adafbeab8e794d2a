import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  type UserPoolClient,
  type UserPoolDomain,
  UserPool,
  UserPoolEmail,
  StandardThreatProtectionMode,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { config } from '../config.js';
import { removalPolicy } from './removal-policy.js';
import { stageOf } from '../stage.js';

export interface CognitoConfig {
  /** Whether anyone may create an account on the sign-in page; otherwise administrators create users. */
  readonly selfSignUp: boolean;
  /** 'optional': users may add an authenticator app (TOTP); 'required': every user must. */
  readonly mfa: 'optional' | 'required';
  /** Cognito threat protection (enforced); needs the Plus feature plan, billed per monthly active user. */
  readonly threatProtection: boolean;
  /**
   * More addresses the hosted sign-in page may send users back to after signing in and out, in
   * every stage (exact URLs): a frontend of your own, or the site before it has a custom domain.
   * The site's custom domain, and in development stages Vite's dev server, are added for you.
   */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** The hosted sign-in domain's prefix; undefined derives one from the app name and the stack id. */
  readonly domainPrefix: string | undefined;
}

/** An address the user pool's mail comes from, sent through Amazon SES (a stage's `userPoolEmail`). */
export interface SesSender {
  /** The sender, e.g. `no-reply@example.com`: an identity verified in SES, in the stage's account. */
  readonly from: string;
  /** The name mail shows beside the address, e.g. `Shop`. */
  readonly name?: string;
  /** The verified identity is this domain (the domain of `from`), not the address itself. */
  readonly verifiedDomain?: string;
  /** The SES region, when it is not the app's (Cognito may also send through us-east-1, us-west-2 or eu-west-1). */
  readonly region?: string;
}

/** Where Vite's dev server serves the SPA: a development stage's app client sends users back there. */
export const devServerUrl = 'http://localhost:5173/';

export interface UserDirectoryProps {
  /** The address of the app's own site, when it is known before the site is deployed (a custom domain). */
  readonly siteUrl?: string;
}

/**
 * Who the users are: a Cognito user pool that signs in by email, an app client for a browser
 * SPA (authorization code flow with PKCE, no client secret: a browser cannot keep one), and
 * the hosted sign-in pages (managed login) on a Cognito domain.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly spaClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
    super(scope, id);
    const settings = config.auth.cognito;
    const stage = stageOf(this);

    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: settings.selfSignUp,
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: settings.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      // An authenticator app only: SMS costs money per message and is the weaker factor.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: settings.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: settings.threatProtection ? StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      // Cognito's own sender allows 50 mails a day, which invitations and password resets soon
      // use up: a stage that names an SES identity sends through it.
      email: stage.userPoolEmail && sesEmail(stage.userPoolEmail),
      deletionProtection: stage.deletionProtection,
      removalPolicy: removalPolicy(this),
    });

    // Where the hosted sign-in may send users of this client back to. Vite's dev server only in
    // development stages: a production pool hands no tokens to whatever listens on a visitor's
    // localhost.
    const appAddresses = [...(props.siteUrl ? [props.siteUrl] : []), ...(stage.localCallbacks ? [devServerUrl] : [])];
    const callbackUrls = [...settings.callbackUrls, ...appAddresses];

    this.spaClient = this.userPool.addClient('SpaClient', {
      // A browser app is a public client: no secret; the code flow is protected by PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      // With nowhere to send users back to (prod, until an address is added), no hosted sign-in at all.
      ...(callbackUrls.length > 0
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls,
              logoutUrls: [...settings.logoutUrls, ...appAddresses],
            },
          }
        : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: settings.domainPrefix ?? defaultDomainPrefix(Stack.of(this)) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows nothing until the client has a branding style; Cognito's own will do.
    new CfnManagedLoginBranding(this, 'SignInBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.spaClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    if (settings.mfa === 'optional') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: "MFA is offered to every user (authenticator app) but not forced; set auth.cognito.mfa to 'required' in infra/config.ts to force it.",
      });
    }
    if (!settings.threatProtection) {
      const reason =
        'Threat protection needs the Cognito Plus feature plan, billed per monthly active user on top of Essentials; turn both on with auth.cognito.threatProtection in infra/config.ts.';
      Validations.of(this.userPool).acknowledge({ id: 'AwsSolutions-COG3', reason }, { id: 'AwsSolutions-COG8', reason });
    }
  }
}

function sesEmail(sender: SesSender): UserPoolEmail {
  return UserPoolEmail.withSES({ fromEmail: sender.from, fromName: sender.name, sesVerifiedDomain: sender.verifiedDomain, sesRegion: sender.region });
}

/**
 * '<appName>[-<stage>]-<first 8 hex digits of the stack id>': Cognito domain prefixes are unique across
 * every account in a region, so the app name alone would collide with someone else's. The
 * stack id is a UUID CloudFormation assigns at creation: stable for the stack's life, and
 * unlike the account id it reveals nothing. (Prefixes may not contain "aws", "amazon" or "cognito".)
 */
function defaultDomainPrefix(stack: Stack): string {
  const name = stageOf(stack).shortPrefix(50).replace(/aws|amazon|cognito/g, 'x');
  const stackUuid = Fn.select(2, Fn.split('/', stack.stackId));
  return `${name}-${Fn.select(0, Fn.split('-', stackUuid))}`;
}
