import {
  type FactoryProvider,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * One kind of row an app deletes once it is past its retention (docs/security-cases.md, case 44).
 * Each app keeps its purges beside the tables they empty, with the retention and the reason for it.
 */
export interface Purge {
  /** What it deletes, for the log: `expired login sessions`. */
  readonly what: string;
  /** Deletes the rows past their retention at `now` (epoch seconds); resolves to how many. */
  run(manager: EntityManager, now: number): Promise<number>;
}

/** Rows deleted by one run, by purge (`what`); a purge that failed is not listed. */
export type PurgeCounts = Record<string, number>;

/** The first run waits for the start-up's own work (seeds, the first requests) to be done. */
const FIRST_RUN_DELAY_MS = 1_000;

/**
 * Runs an app's purges every PURGE_INTERVAL_SECONDS (libs/config's envPurgeIntervalSeconds), the
 * first soon after start; 0: never by itself. A Nest provider (`PeriodicPurge.provider`), stopped by
 * the app's shutdown before the database closes: Nest runs every `onModuleDestroy` before the
 * `onApplicationShutdown` in which TypeORM's module destroys the DataSource, and `onModuleDestroy`
 * here waits for the run in progress, so no purge ever meets a closed DataSource.
 *
 * - One run at a time in a process: the next run is timed from the end of the last one, and a run
 *   asked for directly (`runOnce`) waits for the one in progress.
 * - A failed purge is one warning line; the others still run, and it is tried again at the next run.
 *   Nothing here ever rejects or throws into the app.
 * - The timer never keeps the process alive (`unref`).
 *
 * Several replicas need no lock: each purge is one `DELETE … WHERE <expiry> < :now`, idempotent.
 * Two replicas deleting the same rows at once each delete what is still there (PostgreSQL: the
 * second waits for the first's row locks, then skips the rows gone; sqlite: one writer at a time),
 * and a row that is past its retention for one replica is past it for all.
 */
export class PeriodicPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PeriodicPurge.name);
  private timer: NodeJS.Timeout | undefined;
  /** The run in progress, or the last one: each run starts after it. */
  private lastRun: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intervalSeconds: number,
    private readonly purges: readonly Purge[],
  ) {}

  /** The provider an app module lists: its purges, every `intervalSeconds`, on its DataSource. */
  static provider(intervalSeconds: number, purges: readonly Purge[]): FactoryProvider {
    return {
      provide: PeriodicPurge,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) =>
        new PeriodicPurge(dataSource, intervalSeconds, purges),
    };
  }

  /** Whether a run is timed: false with an interval of 0, and once stopped. */
  get isScheduled(): boolean {
    return this.timer !== undefined;
  }

  onApplicationBootstrap(): void {
    if (this.intervalSeconds > 0) {
      this.schedule(FIRST_RUN_DELAY_MS);
    }
  }

  /** Nest's shutdown: no further run, and the one in progress finishes first. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.lastRun;
  }

  /**
   * Runs every purge once, after the run in progress if there is one. Once stopped (the app is
   * closing or closed), runs nothing and resolves to `{}`.
   */
  runOnce(): Promise<PurgeCounts> {
    const run = this.lastRun.then(() => this.runPurges());
    this.lastRun = run;
    return run;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.runOnce().then(() => {
        if (!this.stopped) {
          this.schedule(this.intervalSeconds * 1000);
        }
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runPurges(): Promise<PurgeCounts> {
    const counts: PurgeCounts = {};
    for (const purge of this.purges) {
      if (this.stopped || !this.dataSource.isInitialized) {
        break;
      }
      try {
        counts[purge.what] = await purge.run(this.dataSource.manager, nowInSeconds());
      } catch (error) {
        this.logger.warn(
          `${purge.what} not purged, tried again at the next run: ${oneLine(error)}`,
        );
      }
    }
    const deleted = Object.entries(counts).filter(([, count]) => count > 0);
    if (deleted.length > 0) {
      this.logger.debug(`purged ${deleted.map(([what, count]) => `${count} ${what}`).join(', ')}`);
    }
    return counts;
  }
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The error's message, first line only: a failed run is one log line, never a stack. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0];
}
