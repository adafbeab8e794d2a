import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

/**
 * A signing key of our own and its JWKS, so tests verify real RS256 tokens end to end
 * without any identity provider or network.
 */
export function testIssuer(issuer: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const { n, e } = publicKey.export({ format: 'jwk' });
  const jwks = { keys: [{ kty: 'RSA', n: n!, e: e!, kid, alg: 'RS256', use: 'sig' }] };
  const now = () => Math.floor(Date.now() / 1000);

  /** A signed token; `claims` override the defaults (valid for an hour, from `issuer`). */
  function sign(claims: Record<string, unknown> = {}, options: { kid?: string } = {}): string {
    const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid };
    const payload = { iss: issuer, sub: 'user-1', iat: now(), exp: now() + 3600, ...claims };
    const unsigned = `${base64url(header)}.${base64url(payload)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }

  return { issuer, jwks, sign, now };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
