import { execa, type ResultPromise } from 'execa';
import { freePort } from './free-port.js';

/** Whether moto_server (an AWS API emulator, preinstalled on every machine here) can run. */
export const motoAvailable = (await execa('moto_server', ['--help'], { reject: false })).exitCode === 0;

export interface Moto {
  /** `http://localhost:<port>`: moto parses template URLs by that name. */
  readonly endpoint: string;
  /** Forgets every resource, as a fresh account would have none. */
  reset(): Promise<void>;
  stop(): void;
}

/** moto_server on a free loopback port, once it answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const server: ResultPromise = execa('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { reject: false });
  const endpoint = `http://localhost:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (await fetch(`${endpoint}/moto-api/`).then((r) => r.ok, () => false)) break;
    if (attempt === 300) throw new Error('moto_server did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint,
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset: ${response.status}`);
    },
    stop: () => void server.kill(),
  };
}

/**
 * What the AWS SDK and the CDK CLI need to talk to moto and nothing else: its endpoint,
 * dummy credentials, no profile or config files of the machine's.
 */
export function motoEnv(moto: Moto, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: region,
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * An unsigned-but-well-formed request to one of moto's REST APIs (Lambda, S3): moto does
 * not check signatures, it reads the region from the credential scope.
 */
export async function motoGet(moto: Moto, service: string, path: string, region = 'us-east-1'): Promise<Response> {
  const response = await fetch(`${moto.endpoint}${path}`, {
    headers: { authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0` },
  });
  if (!response.ok) throw new Error(`moto ${service} GET ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** A call to one of moto's query APIs (IAM, CloudFormation): `Action` and its parameters, the XML answer. */
export async function motoQuery(moto: Moto, service: string, parameters: Record<string, string>, region = 'us-east-1'): Promise<string> {
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams(parameters).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`moto ${service} ${parameters.Action}: ${response.status} ${text}`);
  return text;
}
