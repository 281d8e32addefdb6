/**
 * At most `perMinute` JWKS fetches in any sliding minute (case 37): an attacker can send tokens
 * with as many made-up kids as they like, but each kid we do not know can cost at most one fetch,
 * and only while the budget lasts.
 */
export class FetchBudget {
  private readonly spentAt: number[] = [];

  constructor(private readonly perMinute: number) {}

  /** Spends one fetch if the last minute has room for it. */
  tryTake(now = Date.now()): boolean {
    while (this.spentAt.length > 0 && this.spentAt[0] <= now - 60_000) {
      this.spentAt.shift();
    }
    if (this.spentAt.length >= this.perMinute) {
      return false;
    }
    this.spentAt.push(now);
    return true;
  }
}
