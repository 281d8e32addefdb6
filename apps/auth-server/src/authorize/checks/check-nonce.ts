import type { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';

/** A generous bound: clients send a random value (OIDC Core §15.5.2), 22-64 characters in practice. */
export const NONCE_MAX_LENGTH = 255;

/**
 * OIDC Core §3.1.2.1: `nonce` is optional for the code flow; when present it is sent once and copied
 * unchanged into the id_token, where the client compares it with the value it stored (replay
 * protection, §15.5.2). Printable ASCII only, bounded, so it cannot bloat the database or the token.
 */
export function checkNonce(params: RequestParameters): string | undefined {
  const nonce = params.optional('nonce');
  if (nonce === undefined) {
    return undefined;
  }
  if (nonce.length > NONCE_MAX_LENGTH || !/^[\x20-\x7E]+$/.test(nonce)) {
    throw new InvalidRequest(
      `nonce must be at most ${NONCE_MAX_LENGTH} printable ASCII characters`,
    );
  }
  return nonce;
}
