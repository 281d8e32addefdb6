import { Inject, Injectable } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { Request, Response } from 'express';
import { ClientFlowEvents } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { CsrfService } from '../csrf/csrf.service';
import { type RevocationResult, revokeToken } from '../tokens/revoke-token';
import { connectionFromTokenResponse, nowInSeconds } from './connection-from-token-response';
import type { SignedInUser } from './session-data';
import { regenerateSession } from './session-lifecycle';

/**
 * Connecting and disconnecting this browser. The tokens are kept server-side, in the session; the
 * browser only ever holds the session cookie.
 */
@Injectable()
export class ConnectionService {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly events: ClientFlowEvents,
    private readonly csrf: CsrfService,
  ) {}

  /**
   * After step 4 (and the id_token's validation). The session gets a new id first (against session fixation): an id an attacker
   * managed to plant in the browser before the login is not the one that now holds the tokens.
   */
  async connect(
    req: Request,
    tokens: TokenResponse,
    signedInUser: SignedInUser | null,
  ): Promise<void> {
    await regenerateSession(req);
    req.session.connection = connectionFromTokenResponse(tokens, nowInSeconds());
    if (signedInUser !== null) {
      req.session.signedInUser = signedInUser;
    }
  }

  /**
   * Disconnect: first the refresh token is revoked at auth-server (RFC 7009), so the grant really
   * ends there and not only in this browser; then the session holding the tokens is destroyed
   * (regenerated: the old id and its data are gone, the new empty session only carries the message
   * for the next page). If auth-server cannot confirm the revocation, the session still ends: the
   * user asked to disconnect, and the page says what is left.
   */
  async disconnect(req: Request, res: Response): Promise<void> {
    const connection = req.session.connection;
    const revocation =
      connection === undefined ? undefined : await revokeToken(this.config, connection);
    if (connection !== undefined && revocation !== undefined) {
      await this.events.emit({
        type: 'token-revoked',
        request: req,
        revocationEndpoint: this.config.authServer.revocationEndpoint,
        tokenTypeHint: connection.refreshToken === undefined ? 'access_token' : 'refresh_token',
        revocation,
      });
    }
    await regenerateSession(req);
    req.session.flash = disconnectedMessage(revocation);
    // The CSRF token was bound to the old session id; the next page issues a new one.
    this.csrf.forget(res);
  }
}

function disconnectedMessage(revocation: RevocationResult | undefined): string {
  if (revocation === undefined) {
    return 'Disconnected.';
  }
  switch (revocation.kind) {
    case 'revoked':
      return revocation.tokenType === 'refresh_token'
        ? 'Disconnected. auth-server revoked the refresh token (RFC 7009): Notes Reader can no longer get access tokens for your notes.'
        : 'Disconnected. auth-server revoked the access token (RFC 7009).';
    case 'not-confirmed':
      return (
        `Disconnected here, but the revocation could not be confirmed (${revocation.reason}). ` +
        'The tokens may stay valid at auth-server until they expire.'
      );
  }
}
