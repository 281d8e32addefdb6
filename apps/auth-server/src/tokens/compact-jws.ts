import { type KeyObject, sign } from 'node:crypto';

/** The protected header of the JWTs this server signs: RS256 with one of its keys (by `kid`). */
export interface Rs256Header {
  alg: 'RS256';
  /** `at+jwt` for an access token (RFC 9068 §2.1), `JWT` for an id_token. */
  typ: string;
  kid: string;
}

/**
 * Step 4's signature: the access token (and the id_token) auth-server issues is a JWT in the JWS
 * Compact Serialization (RFC 7515 §3.1, §7.1):
 *
 *     BASE64URL(UTF8(header)) "." BASE64URL(UTF8(claims)) "." BASE64URL(signature)
 *
 * signed RS256 (RFC 7518 §3.3: RSASSA-PKCS1-v1_5 with SHA-256) over the ASCII of the first two
 * parts. Both issuers sign through this (tokens/access-token-issuer.ts, oidc/id-token-issuer.ts);
 * AccessTokenVerifier checks the same three parts with node:crypto.
 *
 * Why not @nestjs/jwt (jsonwebtoken): it signs on the main thread, and the RSA signature is a third
 * of a token request's CPU. `crypto.sign` with a callback signs on libuv's thread pool, so the main
 * thread serves other requests meanwhile: 57% more client_credentials tokens a second on two cores,
 * at no more CPU a token (bench/README.md, "Signing on the thread pool"). jose signs on the pool too,
 * but is an ES module only, which this repo's CommonJS jest cannot load.
 */
export async function signCompactJws(
  header: Rs256Header,
  claims: object,
  privateKey: KeyObject,
): Promise<string> {
  const signingInput = `${base64urlJson(header)}.${base64urlJson(claims)}`;
  const signature = await new Promise<Buffer>((resolve, reject) =>
    sign('sha256', Buffer.from(signingInput, 'ascii'), privateKey, (error, result) =>
      error === null ? resolve(result) : reject(error),
    ),
  );
  return `${signingInput}.${signature.toString('base64url')}`;
}

function base64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
