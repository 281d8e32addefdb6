import type { RunningServices, ServiceName } from '@oauth-flow-lab/testing';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';

/**
 * Reads what a step left in a service's store: its sqlite file (read-only), or its PostgreSQL
 * database under `npm run test:scale`. A plain SELECT without parameters, so one text fits both.
 */
export async function queryDatabase<Row>(
  services: RunningServices,
  service: ServiceName,
  sql: string,
): Promise<Row[]> {
  const store = services.databaseEnv(service);
  const dataSource = await new DataSource(
    'DATABASE_URL' in store
      ? { type: 'postgres', url: store.DATABASE_URL }
      : { type: 'sqlite', database: store.DATABASE_PATH, flags: sqlite3.OPEN_READONLY },
  ).initialize();
  try {
    return await dataSource.query<Row[]>(sql);
  } finally {
    await dataSource.destroy();
  }
}
