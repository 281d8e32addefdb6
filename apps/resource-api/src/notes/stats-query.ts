import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Database, Statement } from 'sqlite3';
import { DataSource } from 'typeorm';
import type { SqliteDriver } from 'typeorm/driver/sqlite/SqliteDriver';

/** One row per owner. COUNT(*) is a bigint on PostgreSQL, which its driver returns as a string. */
export interface StatsRow {
  sub: string;
  count: number | string;
}

/**
 * The same statement on sqlite and PostgreSQL. No ORDER BY: sqlite orders text by its bytes,
 * PostgreSQL by the database's collation (`Zed` after `amy` in en_US), so NotesService sorts.
 */
const STATS_SQL = 'SELECT owner_sub AS sub, COUNT(*) AS count FROM notes GROUP BY owner_sub';

/**
 * Step 6, serving: the query behind GET /notes/stats, once AccessTokenGuard has let a
 * client_credentials token with the scope notes:stats through (RFC 6749 §4.4, RFC 6750 §2.1). A
 * machine client may call it as often as it likes. On
 * sqlite it is prepared once and run again each time: TypeORM has no prepared statements, and
 * sqlite3 compiling the SQL anew for every call cost as much CPU as running it (94 against 48 µs a
 * query, bench/README.md, "Issue 17"). The statement lives on the one connection TypeORM opened for
 * sqlite, so it sees what TypeORM writes, and it is finalized before TypeORM closes that
 * connection (sqlite will not close one with a statement still open: module destroy runs before
 * TypeORM's application shutdown). On PostgreSQL the SQL goes through TypeORM as written.
 */
@Injectable()
export class StatsQuery implements OnModuleDestroy {
  private prepared: Statement | undefined;

  constructor(private readonly dataSource: DataSource) {}

  run(): Promise<StatsRow[]> {
    if (this.dataSource.options.type !== 'sqlite') {
      return this.dataSource.query<StatsRow[]>(STATS_SQL);
    }
    const statement = (this.prepared ??= this.sqlite().prepare(STATS_SQL));
    return new Promise((resolve, reject) => {
      statement.all((error: Error | null, rows: StatsRow[]) =>
        error === null ? resolve(rows) : reject(error),
      );
    });
  }

  onModuleDestroy(): Promise<void> {
    const statement = this.prepared;
    this.prepared = undefined;
    if (statement === undefined) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      statement.finalize((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  /** sqlite3's Database under TypeORM's driver, which types it as `any`. */
  private sqlite(): Database {
    return (this.dataSource.driver as SqliteDriver).databaseConnection as Database;
  }
}
