import { createServer } from 'node:net';
import { connectRedis, describeServer } from './redis-connection';

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('connectRedis', () => {
  it('fails at boot, naming host and port and never the password, when Redis cannot be reached', async () => {
    const port = await closedPort();
    const attempt = connectRedis(`redis://app:s3cret-password@127.0.0.1:${port}/0`);
    await expect(attempt).rejects.toThrow(
      new RegExp(`^REDIS_URL: cannot connect to Redis at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    await expect(attempt).rejects.not.toThrow(/s3cret-password|app:/);
  });
});

describe('describeServer', () => {
  it.each([
    ['redis://:pw@cache.internal:6380/2', 'cache.internal:6380'],
    ['rediss://user:pw@cache.internal', 'cache.internal:6379'],
  ])('%s is %s', (url, where) => {
    expect(describeServer(url)).toBe(where);
  });
});
