/**
 * A token bucket of JWKS fetches (case 37): it holds at most `perMinute` fetches and earns one back
 * every 60 / perMinute seconds. An attacker can send tokens with as many made-up kids as they like,
 * but each kid we do not know can cost at most one fetch, and only while the bucket has one: a
 * flood costs the issuer `perMinute` fetches at once, then one every few seconds.
 *
 * The same rule as jwks-rsa's own rate limit (10 a minute, as a token bucket), which KeySetKeeper
 * turns off to keep its own cache. A failed fetch is given back (KeySetKeeper spaces retries
 * instead): with a budget spent by failures, health checks polled while auth-server was still
 * starting kept resource-api unhealthy long after auth-server answered.
 */
export class FetchBudget {
  private readonly msPerFetch: number;
  /** When the bucket is full again: each fetch taken moves it msPerFetch later. */
  private fullAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly perMinute: number) {
    this.msPerFetch = 60_000 / perMinute;
  }

  /** Spends one fetch if the bucket holds one (it holds perMinute − (fullAt − now) / msPerFetch). */
  tryTake(now = Date.now()): boolean {
    if (this.fullAt - now > (this.perMinute - 1) * this.msPerFetch) {
      return false;
    }
    this.fullAt = Math.max(this.fullAt, now) + this.msPerFetch;
    return true;
  }

  /** Returns a fetch taken (one that reached no key set: see KeySetKeeper's retry rule). */
  giveBack(): void {
    this.fullAt -= this.msPerFetch;
  }
}
