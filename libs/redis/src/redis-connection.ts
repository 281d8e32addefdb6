import { Logger } from '@nestjs/common';
import { createClient } from 'redis';

/** A connection to REDIS_URL (node-redis). */
export type RedisConnection = ReturnType<typeof createClient>;

/** Longest wait between two reconnection attempts once the connection was lost. */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * Connects to the Redis server of REDIS_URL, or fails with a message naming its host and port (never
 * the URL, which may hold a password) when it cannot be reached at boot: a misconfigured REDIS_URL
 * stops the app, as an unreachable DATABASE_URL does.
 *
 * Once connected, a lost connection is retried for ever (at most every 2 s), and meanwhile every
 * command fails at once instead of waiting in node-redis's offline queue: the callers decide what a
 * missing Redis means (the failure counters fall back to this process's memory; client-web's
 * session middleware answers with an error page).
 */
export async function connectRedis(url: string): Promise<RedisConnection> {
  const logger = new Logger('Redis');
  const where = describeServer(url);
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      // Before the first connection, an Error stops the attempts and rejects connect() (a new one:
      // node-redis checks `instanceof Error`, which a socket error from another realm, e.g. under
      // jest, would fail).
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : new Error(cause.message),
    },
  });
  // Without a listener, node-redis's 'error' event (e.g. the server restarting) would end the process.
  client.on('error', (error: Error) => {
    if (connected) {
      logger.warn(`Redis at ${where}: ${error.message}`);
    }
  });
  client.on('ready', () => {
    connected = true;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `REDIS_URL: cannot connect to Redis at ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return client;
}

/** host:port of a Redis URL, without its user name or password. */
export function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}`;
}
