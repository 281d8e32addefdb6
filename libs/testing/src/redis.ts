import { createClient } from 'redis';

/**
 * TEST_REDIS_URL: a Redis server the tests may use (`redis://127.0.0.1:56379`). `npm run test:scale`
 * sets it (tools/test-scale.mjs starts the server); unset, the Redis tests are skipped and the
 * services count failures in their own memory, as without REDIS_URL.
 */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] || undefined;

/** `describe` when TEST_REDIS_URL is set, `describe.skip` otherwise. */
export const describeWithRedis: jest.Describe =
  TEST_REDIS_URL === undefined ? describe.skip : describe;

/**
 * A REDIS_URL on one of the server's numbered databases, emptied first, so counters left by an
 * earlier suite do not count against this one. Each suite that runs at the same time as another
 * takes a number of its own (Redis has 16: 0-15).
 */
export async function emptyRedisDatabase(database: number): Promise<string> {
  if (TEST_REDIS_URL === undefined) {
    throw new Error('TEST_REDIS_URL is not set (npm run test:scale sets it)');
  }
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${database}`;
  const client = createClient({ url: url.toString() });
  await client.connect();
  try {
    await client.flushDb();
  } finally {
    await client.close();
  }
  return url.toString();
}
