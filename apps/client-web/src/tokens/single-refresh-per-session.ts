import { Inject, Injectable } from '@nestjs/common';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { type RefreshResult, refreshAccessToken } from './refresh-access-token';

interface Flight {
  /** The refresh token this flight spends. */
  refreshToken: string;
  result: Promise<RefreshResult>;
  /** Epoch ms when the result arrived; undefined while in flight. */
  settledAt?: number;
}

/** How long a finished refresh is still handed to late requests that read the session before it. */
const GRACE_MS = 60_000;

/**
 * Exactly one refresh per refresh token and session.
 *
 * Why: auth-server ROTATES refresh tokens (RFC 9700 §4.14.2). Each one can be spent once; a second
 * use of the same token is what a thief replaying a stolen token looks like, so auth-server answers
 * it by revoking the whole token family (docs/security-cases.md, case 26) and the user is
 * disconnected. Two page loads in parallel (two tabs, a reload) read the same session, both see an
 * expired access token, and would both spend the same refresh token: the second one would end the
 * connection.
 *
 * So the first request starts the refresh and every other request of that session holding the same
 * refresh token waits for that same promise and stores the same new pair. The finished result is
 * kept a little longer, because a request may have read the session before the first one saved
 * the new pair (express-session saves at the end of the response). One process only: several
 * instances would need this lock in a shared store.
 */
@Injectable()
export class SingleRefreshPerSession {
  private readonly flights = new Map<string, Flight>();

  constructor(@Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig) {}

  refresh(sessionId: string, refreshToken: string): Promise<RefreshResult> {
    this.forgetFinishedFlights(Date.now());
    const current = this.flights.get(sessionId);
    if (current !== undefined && current.refreshToken === refreshToken) {
      return current.result;
    }
    const flight: Flight = { refreshToken, result: refreshAccessToken(this.config, refreshToken) };
    this.flights.set(sessionId, flight);
    // refreshAccessToken never rejects. A refresh that got no usable answer is not kept: the next
    // page load may try again with the same refresh token.
    void flight.result.then((result) => {
      flight.settledAt = Date.now();
      if (result.kind === 'unavailable' && this.flights.get(sessionId) === flight) {
        this.flights.delete(sessionId);
      }
    });
    return flight.result;
  }

  private forgetFinishedFlights(now: number): void {
    for (const [sessionId, flight] of this.flights) {
      if (flight.settledAt !== undefined && now - flight.settledAt > GRACE_MS) {
        this.flights.delete(sessionId);
      }
    }
  }
}
