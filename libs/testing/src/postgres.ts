import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * TEST_POSTGRES_URL: a PostgreSQL server the tests may create databases on, as a URL to a database
 * that exists (`postgres://postgres@127.0.0.1:55432/postgres`). `npm run test:scale` sets it
 * (tools/test-scale.mjs starts the server); unset, the PostgreSQL tests are skipped.
 */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'];

/** `describe` when TEST_POSTGRES_URL is set, `describe.skip` otherwise. */
export const describeWithPostgres: jest.Describe =
  TEST_POSTGRES_URL === undefined || TEST_POSTGRES_URL === '' ? describe.skip : describe;

export interface TestDatabase {
  /** A DATABASE_URL for the new, empty database. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database of its own for one test (or one app instance), named at random. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const serverUrl = requiredServerUrl();
  const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

function requiredServerUrl(): string {
  if (TEST_POSTGRES_URL === undefined || TEST_POSTGRES_URL === '') {
    throw new Error('TEST_POSTGRES_URL is not set (npm run test:scale sets it)');
  }
  return TEST_POSTGRES_URL;
}

async function onServer(url: string, work: (admin: DataSource) => Promise<unknown>): Promise<void> {
  const admin = await new DataSource({ type: 'postgres', url, logging: false }).initialize();
  try {
    await work(admin);
  } finally {
    await admin.destroy();
  }
}

/**
 * For an app fixture: `{ DATABASE_URL }` of a new, empty database when TEST_POSTGRES_URL is set and
 * the test names no database of its own (DATABASE_PATH or DATABASE_URL in `env`); `{}` otherwise,
 * and the app keeps its in-memory sqlite. The database is not dropped: `npm run test:scale` removes
 * the whole throwaway server at the end.
 */
export async function testDatabaseEnv(
  app: string,
  env: Record<string, string | undefined>,
): Promise<{ DATABASE_URL?: string }> {
  if (
    !TEST_POSTGRES_URL ||
    env['DATABASE_PATH'] !== undefined ||
    env['DATABASE_URL'] !== undefined
  ) {
    return {};
  }
  return { DATABASE_URL: (await createTestDatabase(app)).url };
}
