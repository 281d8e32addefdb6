import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  const limits = {
    account: { name: 'account', maxFailures: 3, windowSeconds: 60 },
    ip: { name: 'ip', maxFailures: 5, windowSeconds: 600 },
  };
  const alice = { account: 'alice', ip: '10.0.0.1' };

  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('lets attempts through until a key reaches its limit, then names the wait', async () => {
    const limiter = new FailureLimiter(limits);
    for (let failure = 1; failure <= 3; failure += 1) {
      expect(await limiter.retryAfterSeconds(alice)).toBeUndefined();
      await limiter.recordFailure(alice);
    }
    expect(await limiter.retryAfterSeconds(alice)).toBe(60);
    // Reading does not count: asking again does not move the window.
    jest.advanceTimersByTime(20_000);
    expect(await limiter.retryAfterSeconds(alice)).toBe(40);
  });

  it('refuses while any key is over its limit, with the longest wait', async () => {
    const limiter = new FailureLimiter(limits);
    // Five accounts tried from one address: the address is over its limit, no account is.
    for (const account of ['a', 'b', 'c', 'd', 'e']) {
      await limiter.recordFailure({ account, ip: '10.0.0.2' });
    }
    expect(await limiter.retryAfterSeconds({ account: 'f', ip: '10.0.0.2' })).toBe(600);
    expect(await limiter.retryAfterSeconds({ account: 'f', ip: '10.0.0.3' })).toBeUndefined();
  });

  it('opens again when the window ends', async () => {
    const limiter = new FailureLimiter(limits);
    for (let failure = 0; failure < 3; failure += 1) {
      await limiter.recordFailure(alice);
    }
    jest.advanceTimersByTime(60_001);
    expect(await limiter.retryAfterSeconds(alice)).toBeUndefined();
  });

  it('clear forgets one key only', async () => {
    const limiter = new FailureLimiter({
      account: limits.account,
      ip: { name: 'ip', maxFailures: 3, windowSeconds: 600 },
    });
    for (let failure = 0; failure < 3; failure += 1) {
      await limiter.recordFailure(alice);
    }
    await limiter.clear('account', 'alice');
    // The address still counts its three failures.
    expect(await limiter.retryAfterSeconds(alice)).toBe(600);
    expect(await limiter.retryAfterSeconds({ account: 'alice', ip: '10.0.0.9' })).toBeUndefined();
  });

  it('keeps separate limiters apart (each instance has its own counters)', async () => {
    const first = new FailureLimiter(limits);
    const second = new FailureLimiter(limits);
    for (let failure = 0; failure < 3; failure += 1) {
      await first.recordFailure(alice);
    }
    expect(await second.retryAfterSeconds(alice)).toBeUndefined();
  });
});
