import { connectRedis, type RedisConnection } from '@oauth-flow-lab/redis';
import { randomBytes } from 'node:crypto';
import { FailureLimiter } from './failure-limiter';

/**
 * The counters in Redis (REDIS_URL), as two replicas share them. TEST_REDIS_URL names a Redis server
 * (`npm run test:scale` starts one); unset, these tests are skipped.
 */
const TEST_REDIS_URL = process.env['TEST_REDIS_URL'];
const describeWithRedis = TEST_REDIS_URL ? describe : describe.skip;

describeWithRedis('FailureLimiter in Redis', () => {
  let redis: RedisConnection;

  beforeAll(async () => {
    redis = await connectRedis(TEST_REDIS_URL ?? '');
  });

  afterAll(async () => {
    if (redis.isOpen) {
      await redis.close();
    }
  });

  /** Limits under names of their own, so each test starts from empty counters in the shared server. */
  function freshLimits() {
    const run = randomBytes(4).toString('hex');
    return {
      ip: { name: `test:${run}:ip`, maxFailures: 5, windowSeconds: 600 },
      account: { name: `test:${run}:account`, maxFailures: 3, windowSeconds: 60 },
    };
  }
  const alice = { account: 'alice', ip: '10.0.0.1' };

  it('two limiters on one Redis (two replicas) count the same failures', async () => {
    const limits = freshLimits();
    const first = new FailureLimiter(limits, redis);
    const second = new FailureLimiter(limits, redis);
    expect(await first.reserve(alice)).toEqual({ reserved: true });
    expect(await second.reserve(alice)).toEqual({ reserved: true });
    expect(await first.reserve(alice)).toEqual({ reserved: true });
    // Three failures in all, none of the two saw three itself.
    const refused = await second.reserve(alice);
    expect(refused.reserved).toBe(false);
    expect(refused.reserved === false && refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.reserved === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await redis.get(`${limits.account.name}:alice`)).toBe('3');
  });

  it('case 46: a burst split over two replicas gets at most the limit reserved', async () => {
    const limits = freshLimits();
    const replicas = [new FailureLimiter(limits, redis), new FailureLimiter(limits, redis)];

    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, index) => replicas[index % 2].reserve(alice)),
    );

    expect(burst.filter(({ reserved }) => reserved)).toHaveLength(3);
    // The refused attempts gave their increments back: the counters hold the three alone.
    expect(await redis.get(`${limits.account.name}:alice`)).toBe('3');
    expect(await redis.get(`${limits.ip.name}:10.0.0.1`)).toBe('3');
  });

  it('a success at one replica clears the account at the other', async () => {
    const limits = freshLimits();
    const first = new FailureLimiter(limits, redis);
    const second = new FailureLimiter(limits, redis);
    for (let failure = 0; failure < 3; failure += 1) {
      await first.reserve(alice);
    }
    await second.succeeded(alice, ['account']);
    expect(await first.reserve(alice)).toEqual({ reserved: true });
    // The address: three reserved, one given back by the success, one reserved since.
    expect(await redis.get(`${limits.ip.name}:10.0.0.1`)).toBe('3');
  });

  it('the window is Redis’s expiry: the keys go away by themselves', async () => {
    const limits = freshLimits();
    await new FailureLimiter(limits, redis).reserve(alice);
    const ttl = await redis.ttl(`${limits.account.name}:alice`);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('with Redis gone, each process still counts in its own memory (nobody gets unlimited tries)', async () => {
    const lost = await connectRedis(TEST_REDIS_URL ?? '');
    const limiter = new FailureLimiter(freshLimits(), lost);
    lost.destroy();
    for (let failure = 0; failure < 3; failure += 1) {
      expect(await limiter.reserve(alice)).toEqual({ reserved: true });
    }
    expect(await limiter.reserve(alice)).toEqual({ reserved: false, retryAfterSeconds: 60 });
  });
});
