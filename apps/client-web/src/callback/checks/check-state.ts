import { timingSafeEqual } from 'node:crypto';
import { InvalidState } from '../../errors/client-web-errors';
import type { PendingAuthorization } from '../../session/session-data';

/**
 * Step 3, RFC 6749 §10.12 (and RFC 9700 §4.7): the `state` of the authorization response must be the
 * one this browser's session sent in step 1. Otherwise the response was started by someone else
 * (login CSRF: an attacker's code pushed into the victim's session), forged, or is being replayed:
 * the pending request is consumed on use, so the same callback URL works only once.
 */
export function checkState(
  state: string | undefined,
  pending: PendingAuthorization | undefined,
): asserts pending is PendingAuthorization {
  if (state === undefined || state === '') {
    throw new InvalidState('The authorization response has no state parameter.');
  }
  if (pending === undefined) {
    throw new InvalidState(
      'No authorization request is waiting in this browser: it was started elsewhere, or this ' +
        'response was already used. Connect again.',
    );
  }
  if (!sameState(state, pending.state)) {
    throw new InvalidState('The state does not match the authorization request of this browser.');
  }
}

/** Constant-time comparison, so the response time says nothing about how much of a guess matched. */
export function sameState(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
