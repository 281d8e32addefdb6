import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { loadClientWebConfig } from '../config/client-web.config';
import {
  endAuthorizationRequest,
  newNonce,
  startAuthorizationRequest,
} from './authorization-request';

/** Just what the step needs of a request: its session. */
function requestWithSession(): Request {
  return { session: {} } as unknown as Request;
}

const config = loadClientWebConfig({
  SESSION_SECRET: 's'.repeat(32),
  OAUTH_CLIENT_SECRET: 'client-web-secret',
});
const verifier = 'v'.repeat(43);

describe(startAuthorizationRequest.name, () => {
  it('sends a fresh 256-bit state, the S256 challenge of the verifier and the nonce', () => {
    const req = requestWithSession();
    const nonce = newNonce();
    const sent = startAuthorizationRequest(req, config, verifier, nonce);

    expect(sent).toMatchObject({
      authorizationEndpoint: config.authServer.authorizationEndpoint,
      clientId: config.client.id,
      redirectUri: config.redirectUri,
      scope: config.client.scope,
      nonce,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    expect(Buffer.from(sent.state, 'base64url')).toHaveLength(32);
    expect(req.session.pendingAuthorization).toEqual({
      state: sent.state,
      codeVerifier: verifier,
      nonce,
    });
    expect(startAuthorizationRequest(requestWithSession(), config, verifier, nonce).state).not.toBe(
      sent.state,
    );
  });
});

describe(endAuthorizationRequest.name, () => {
  it('gives back the pending request for its state, once', () => {
    const req = requestWithSession();
    const { state } = startAuthorizationRequest(req, config, verifier, newNonce());

    expect(endAuthorizationRequest(req, state)).toMatchObject({ state, codeVerifier: verifier });
    expect(endAuthorizationRequest(req, state)).toBeUndefined();
  });

  it('spends the pending request on a wrong state too (RFC 6749 §10.12)', () => {
    const req = requestWithSession();
    const { state } = startAuthorizationRequest(req, config, verifier, newNonce());

    expect(endAuthorizationRequest(req, 'someone-elses-state')).toBeUndefined();
    expect(endAuthorizationRequest(req, state)).toBeUndefined();
  });
});
