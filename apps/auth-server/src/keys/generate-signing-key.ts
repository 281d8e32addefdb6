import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';

export interface GeneratedSigningKey {
  kid: string;
  alg: 'RS256';
  privateKeyPem: string;
  publicJwk: { kty: string; n: string; e: string };
}

/**
 * A fresh RS256 key pair (RSA 2048 with SHA-256): every JOSE library and every OpenID Connect
 * relying party supports it (OIDC Core §15.1 makes it mandatory), so the same key can later sign
 * id_tokens too. Its kid is the RFC 7638 thumbprint of the public key.
 */
export function generateSigningKey(): GeneratedSigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicJwk = { kty: String(jwk.kty), n: String(jwk.n), e: String(jwk.e) };
  return {
    kid: jwkThumbprint(publicJwk),
    alg: 'RS256',
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicJwk,
  };
}

/** RFC 7638 §3: SHA-256 over the required members of an RSA JWK, in lexicographic order. */
function jwkThumbprint(jwk: { kty: string; n: string; e: string }): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
