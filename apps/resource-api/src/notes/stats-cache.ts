import type { NoteStats } from '@oauth-flow-lab/contracts';

/**
 * Step 6, serving: GET /notes/stats's answer, reused once AccessTokenGuard has let the request
 * through (the token and its scope are checked on every request; only the counts are kept). The
 * query behind it was 27% of a served GET's CPU, and a machine client may ask as often as it likes
 * (bench/README.md, "Issue 17"), while the counts change only when a note is written.
 *
 * - A note written through this process drops the answer at once (NotesService.create calls
 *   `invalidate` once the insert is committed): with one resource-api, as `npm start` and
 *   docker-compose.yml run it, the answer is never stale.
 * - A note written by another replica on the same PostgreSQL database is counted within
 *   NOTES_STATS_CACHE_SECONDS (default 5), with no message between the replicas: the answer is kept
 *   that long at most. NOTES_STATS_CACHE_SECONDS=0 asks the database every time.
 * - Requests that arrive while the query runs wait for that one query instead of starting their own.
 *   What is kept is the query's promise, taken before the query starts, so `invalidate` also drops
 *   a query already under way: a request after a write never gets an answer from before it.
 * - A failed query is not kept: the next request asks again.
 *
 * The answer is frozen, because every request shares it. NotesModule makes the one instance, with
 * the app's NOTES_STATS_CACHE_SECONDS.
 */
export class StatsCache {
  private readonly maxAgeMs: number;
  private kept: { stats: Promise<NoteStats>; until: number } | undefined;

  constructor(maxAgeSeconds: number) {
    this.maxAgeMs = maxAgeSeconds * 1000;
  }

  /** The kept answer while it is fresh; otherwise `load`'s, kept from now on. */
  get(load: () => Promise<NoteStats>): Promise<NoteStats> {
    if (this.maxAgeMs === 0) {
      return load();
    }
    const now = performance.now();
    if (this.kept !== undefined && now < this.kept.until) {
      return this.kept.stats;
    }
    const kept = { stats: load().then(deepFrozen), until: now + this.maxAgeMs };
    this.kept = kept;
    void kept.stats.catch(() => {
      if (this.kept === kept) {
        this.kept = undefined;
      }
    });
    return kept.stats;
  }

  /** A note was written: the next request asks the database. */
  invalidate(): void {
    this.kept = undefined;
  }
}

function deepFrozen(stats: NoteStats): NoteStats {
  stats.notes_per_user.forEach((row) => Object.freeze(row));
  Object.freeze(stats.notes_per_user);
  return Object.freeze(stats);
}
