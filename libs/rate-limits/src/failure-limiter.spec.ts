import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  const limits = {
    ip: { name: 'ip', maxFailures: 5, windowSeconds: 600 },
    account: { name: 'account', maxFailures: 3, windowSeconds: 60 },
  };
  const alice = { account: 'alice', ip: '10.0.0.1' };

  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('reserves attempts until a key reaches its limit, then names the wait', async () => {
    const limiter = new FailureLimiter(limits);
    for (let failure = 1; failure <= 3; failure += 1) {
      expect(await limiter.reserve(alice)).toEqual({ reserved: true });
    }
    expect(await limiter.reserve(alice)).toEqual({ reserved: false, retryAfterSeconds: 60 });
    // A refusal is not counted: asking again neither moves the window nor adds a failure.
    jest.advanceTimersByTime(20_000);
    expect(await limiter.reserve(alice)).toEqual({ reserved: false, retryAfterSeconds: 40 });
  });

  it('refuses while any key is at its limit, with the longest wait', async () => {
    const limiter = new FailureLimiter(limits);
    // Five accounts tried from one address: the address is at its limit, no account is.
    for (const account of ['a', 'b', 'c', 'd', 'e']) {
      await limiter.reserve({ account, ip: '10.0.0.2' });
    }
    expect(await limiter.reserve({ account: 'f', ip: '10.0.0.2' })).toEqual({
      reserved: false,
      retryAfterSeconds: 600,
    });
    expect(await limiter.reserve({ account: 'f', ip: '10.0.0.3' })).toEqual({ reserved: true });
  });

  it('a refused attempt leaves no count behind under the keys that had room', async () => {
    const limiter = new FailureLimiter(limits);
    for (let failure = 0; failure < 3; failure += 1) {
      await limiter.reserve(alice);
    }
    // alice is at her limit; trying her twice more from 10.0.0.1 must not use up the address.
    await limiter.reserve(alice);
    await limiter.reserve(alice);
    for (const account of ['b', 'c']) {
      expect(await limiter.reserve({ account, ip: '10.0.0.1' })).toEqual({ reserved: true });
    }
    expect((await limiter.reserve({ account: 'd', ip: '10.0.0.1' })).reserved).toBe(false);
  });

  it('case 46: of an attempt burst sent at once, at most the limit is reserved', async () => {
    const limiter = new FailureLimiter(limits);

    const burst = await Promise.all(Array.from({ length: 40 }, () => limiter.reserve(alice)));

    expect(burst.filter(({ reserved }) => reserved)).toHaveLength(3);
    expect(burst.filter(({ reserved }) => !reserved)).toHaveLength(37);
  });

  it('a success gives its attempt back, and clears the keys it names', async () => {
    const limiter = new FailureLimiter(limits);
    await limiter.reserve(alice);
    await limiter.reserve(alice);
    await limiter.reserve(alice);
    await limiter.succeeded(alice, ['account']);
    // The account starts again; the address keeps the two failures before the success.
    for (let failure = 0; failure < 3; failure += 1) {
      expect(await limiter.reserve({ account: 'alice', ip: '10.0.0.1' })).toEqual({
        reserved: true,
      });
    }
    expect(await limiter.reserve({ account: 'zed', ip: '10.0.0.1' })).toEqual({
      reserved: false,
      retryAfterSeconds: 600,
    });
  });

  it('a key left out is neither counted nor checked', async () => {
    const limiter = new FailureLimiter(limits);
    for (const account of ['a', 'b', 'c', 'd', 'e']) {
      await limiter.reserve({ account, ip: '10.0.0.4' });
    }
    expect(await limiter.reserve({ account: 'f' })).toEqual({ reserved: true });
    expect(await limiter.reserve({ ip: '10.0.0.5' })).toEqual({ reserved: true });
  });

  it('opens again when the window ends', async () => {
    const limiter = new FailureLimiter(limits);
    for (let failure = 0; failure < 3; failure += 1) {
      await limiter.reserve(alice);
    }
    jest.advanceTimersByTime(60_001);
    expect(await limiter.reserve(alice)).toEqual({ reserved: true });
  });

  it('an attempt given back after its window ended leaves no free attempt behind', async () => {
    const limiter = new FailureLimiter(limits);
    await limiter.reserve(alice);
    jest.advanceTimersByTime(60_001);
    await limiter.succeeded({ account: 'alice' });
    for (let failure = 0; failure < 3; failure += 1) {
      expect(await limiter.reserve({ account: 'alice' })).toEqual({ reserved: true });
    }
    expect((await limiter.reserve({ account: 'alice' })).reserved).toBe(false);
  });

  it('keeps separate limiters apart (each instance has its own counters)', async () => {
    const first = new FailureLimiter(limits);
    const second = new FailureLimiter(limits);
    for (let failure = 0; failure < 3; failure += 1) {
      await first.reserve(alice);
    }
    expect(await second.reserve(alice)).toEqual({ reserved: true });
  });
});
