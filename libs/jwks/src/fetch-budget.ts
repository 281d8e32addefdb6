/**
 * A token bucket of JWKS fetches (case 37): it holds at most `perMinute` fetches and earns one back
 * every 60 / perMinute seconds. An attacker can send tokens with as many made-up kids as they like,
 * but each kid we do not know can cost at most one fetch, and only while the bucket has one: a
 * flood costs the issuer `perMinute` fetches at once, then one every few seconds.
 *
 * A bucket, not "at most perMinute in any sliding minute": with a sliding window, health checks
 * polled while auth-server was still starting spent the whole minute's budget on refused
 * connections, and resource-api stayed unhealthy for up to a minute after auth-server was up. The
 * bucket lets the next fetch through within 60 / perMinute seconds.
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
}
