import type { ActiveToken } from '@oauth-flow-lab/contracts';
import { createHash } from 'node:crypto';

/** A positive answer, and until when (epoch ms) it may be reused. */
interface Entry {
  answer: ActiveToken;
  storedAt: number;
  expiresAt: number;
}

/** A positive answer found in the cache, and how old it is. */
export interface CachedAnswer {
  answer: ActiveToken;
  ageMs: number;
}

/**
 * Step 6 in introspection mode: the positive answers of auth-server's /introspect (RFC 7662 §4:
 * "the protected resource MAY cache the response ... for a short time"), so that a client calling
 * the API again and again with one token does not cost auth-server a request each time.
 *
 * - Only `active: true` is kept (the type takes nothing else). An inactive token is asked about
 *   again next time: it costs the issuer a request, never a wrong "valid".
 * - For min(`cacheSeconds`, the token's `exp`): never past the token's own end. That time is the
 *   revocation delay of this mode: a token revoked at auth-server is still served that long.
 *   `cacheSeconds` 0 keeps nothing.
 * - Keyed by the SHA-256 of the token, so the map never holds a token.
 * - At most `maxEntries`: when full, expired entries go first, then the oldest (a flood of
 *   different valid tokens costs memory up to this bound, no more).
 */
export class IntrospectionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly cacheSeconds: number,
    private readonly maxEntries = 1000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The answer kept for `token`, unless there is none or it has run out. */
  get(token: string, now = Date.now()): CachedAnswer | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (now >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return { answer: entry.answer, ageMs: now - entry.storedAt };
  }

  /** Keeps a positive answer for min(cacheSeconds, exp); nothing when that is no time at all. */
  set(token: string, answer: ActiveToken, now = Date.now()): void {
    // The type says so already; this holds even for an answer that reached here by a cast.
    if (answer.active !== true) {
      return;
    }
    const expiresAt = Math.min(now + this.cacheSeconds * 1000, answer.exp * 1000);
    if (expiresAt <= now) {
      return;
    }
    const key = keyOf(token);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      this.makeRoom(now);
    }
    this.entries.set(key, { answer, storedAt: now, expiresAt });
  }

  private makeRoom(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now >= entry.expiresAt) {
        this.entries.delete(key);
      }
    }
    // A Map iterates in insertion order: the first key is the oldest answer.
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) {
        return;
      }
      this.entries.delete(oldest.value);
    }
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
