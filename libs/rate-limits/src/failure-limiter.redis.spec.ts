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
      account: { name: `test:${run}:account`, maxFailures: 3, windowSeconds: 60 },
      ip: { name: `test:${run}:ip`, maxFailures: 5, windowSeconds: 600 },
    };
  }
  const alice = { account: 'alice', ip: '10.0.0.1' };

  it('two limiters on one Redis (two replicas) count the same failures', async () => {
    const limits = freshLimits();
    const first = new FailureLimiter(limits, redis);
    const second = new FailureLimiter(limits, redis);
    await first.recordFailure(alice);
    await second.recordFailure(alice);
    expect(await first.retryAfterSeconds(alice)).toBeUndefined();
    await first.recordFailure(alice);
    // Three failures in all, none of the two saw three itself.
    expect(await second.retryAfterSeconds(alice)).toBeGreaterThan(55);
    expect(await second.retryAfterSeconds(alice)).toBeLessThanOrEqual(60);
    expect(await redis.get(`${limits.account.name}:alice`)).toBe('3');
  });

  it('a success at one replica clears the account at the other', async () => {
    const limits = freshLimits();
    const first = new FailureLimiter(limits, redis);
    const second = new FailureLimiter(limits, redis);
    for (let failure = 0; failure < 3; failure += 1) {
      await first.recordFailure(alice);
    }
    await second.clear('account', 'alice');
    expect(await first.retryAfterSeconds(alice)).toBeUndefined();
    expect(await redis.get(`${limits.ip.name}:10.0.0.1`)).toBe('3');
  });

  it('the window is Redis’s expiry: the keys go away by themselves', async () => {
    const limits = freshLimits();
    await new FailureLimiter(limits, redis).recordFailure(alice);
    const ttl = await redis.ttl(`${limits.account.name}:alice`);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('with Redis gone, each process still counts in its own memory (nobody gets unlimited tries)', async () => {
    const lost = await connectRedis(TEST_REDIS_URL ?? '');
    const limiter = new FailureLimiter(freshLimits(), lost);
    lost.destroy();
    for (let failure = 0; failure < 3; failure += 1) {
      expect(await limiter.retryAfterSeconds(alice)).toBeUndefined();
      await limiter.recordFailure(alice);
    }
    expect(await limiter.retryAfterSeconds(alice)).toBe(60);
  });
});
