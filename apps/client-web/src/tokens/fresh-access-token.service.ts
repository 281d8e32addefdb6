import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ClientFlowEvents, type RefreshReason } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import type { ResourceApiResult } from '../notes/resource-api.client';
import { nowInSeconds } from '../session/connection-from-token-response';
import type { Connection } from '../session/session-data';
import { SingleRefreshPerSession } from './single-refresh-per-session';

/** Refresh a little before the expiry, so the token does not die on its way to resource-api. */
export const EXPIRY_MARGIN_SECONDS = 30;

export const CONNECTION_ENDED = 'Your connection has ended; connect again.';

export const REFRESHED: Record<RefreshReason, string> = {
  expired: 'The access token had expired',
  expiring: 'The access token was about to expire',
  rejected: 'resource-api rejected the access token',
};

type Refreshed =
  | { kind: 'renewed' | 'kept'; connection: Connection; notice: string }
  | { kind: 'ended'; message: string };

/** The outcome of a step 5 call made with a token kept fresh. */
export type FreshCall<T> =
  | {
      kind: 'done';
      /** The connection the call was made with (the rotated one after a refresh). */
      connection: Connection;
      result: ResourceApiResult<T>;
      /** Says that (or why not) the token was refreshed; shown once, on this page. */
      notice?: string;
    }
  /** The refresh token was refused: the connection was removed from the session. */
  | { kind: 'ended'; message: string };

/**
 * Step 5 with the access token kept alive by its refresh token (RFC 6749 §6, §1.5):
 * - before the call, when the token is expired or about to expire (the client knows when from
 *   `expires_in`; it never reads the token itself), it refreshes first;
 * - when resource-api still answers 401 `invalid_token` (RFC 6750 §3.1: revoked, clock skew...),
 *   it refreshes once and repeats the call once;
 * - when auth-server refuses the refresh token, the connection is over and is dropped.
 */
@Injectable()
export class FreshAccessTokenService {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly refresher: SingleRefreshPerSession,
    private readonly events: ClientFlowEvents,
  ) {}

  async call<T>(
    req: Request,
    connection: Connection,
    call: (accessToken: string) => Promise<ResourceApiResult<T>>,
  ): Promise<FreshCall<T>> {
    if (!canRefresh(connection)) {
      return { kind: 'done', connection, result: await call(connection.accessToken) };
    }
    // 1. Expired or about to expire: refresh first, then call.
    const remaining = connection.expiresAt - nowInSeconds();
    if (remaining <= EXPIRY_MARGIN_SECONDS) {
      const refreshed = await this.refresh(
        req,
        connection,
        remaining <= 0 ? 'expired' : 'expiring',
      );
      if (refreshed.kind === 'ended') {
        return refreshed;
      }
      const result = await call(refreshed.connection.accessToken);
      return { kind: 'done', connection: refreshed.connection, notice: refreshed.notice, result };
    }
    // 2. Call; if the token is refused all the same, refresh once and call once more.
    const result = await call(connection.accessToken);
    if (!isInvalidToken(result)) {
      return { kind: 'done', connection, result };
    }
    const refreshed = await this.refresh(req, connection, 'rejected');
    if (refreshed.kind === 'ended') {
      return refreshed;
    }
    return {
      kind: 'done',
      connection: refreshed.connection,
      notice: refreshed.notice,
      result: refreshed.kind === 'renewed' ? await call(refreshed.connection.accessToken) : result,
    };
  }

  /** Spends the refresh token (once per session, see SingleRefreshPerSession), stores the outcome. */
  private async refresh(
    req: Request,
    connection: RefreshableConnection,
    reason: RefreshReason,
  ): Promise<Refreshed> {
    const result = await this.refresher.refresh(req.sessionID, connection.refreshToken);
    await this.events.emit({
      type: 'access-token-refreshed',
      request: req,
      tokenEndpoint: this.config.authServer.tokenEndpoint,
      reason,
      result,
    });
    switch (result.kind) {
      case 'refreshed':
        req.session.connection = result.connection;
        return {
          kind: 'renewed',
          connection: result.connection,
          notice: `${REFRESHED[reason]}; Notes Reader used its refresh token to get a new one (RFC 6749 §6).`,
        };
      case 'refused':
        delete req.session.connection;
        return {
          kind: 'ended',
          message: `${CONNECTION_ENDED} auth-server refused the refresh token (${result.error}).`,
        };
      case 'unavailable':
        return {
          kind: 'kept',
          connection,
          notice: `${REFRESHED[reason]}, and it could not be refreshed: ${result.reason}.`,
        };
    }
  }
}

type RefreshableConnection = Connection & { refreshToken: string };

/** Without offline_access there is no refresh token: the token is used until resource-api refuses it. */
function canRefresh(connection: Connection): connection is RefreshableConnection {
  return connection.refreshToken !== undefined;
}

/** RFC 6750 §3.1: 401 with `error="invalid_token"` in the Bearer challenge. */
function isInvalidToken(result: ResourceApiResult<unknown>): boolean {
  return result.kind === 'token-rejected' && /error="invalid_token"/.test(result.challenge);
}
