import { RequestLimiter } from './request-limiter';

describe('RequestLimiter', () => {
  const limit = { name: 'authorize:ip', maxRequests: 3, windowSeconds: 60 };

  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('case 44: counts every request from an address, and refuses past the limit until the window ends', async () => {
    const limiter = new RequestLimiter(limit);
    for (let request = 0; request < 3; request += 1) {
      expect(await limiter.take('10.0.0.1')).toEqual({ reserved: true });
    }
    expect(await limiter.take('10.0.0.1')).toEqual({ reserved: false, retryAfterSeconds: 60 });
    expect(await limiter.take('10.0.0.2')).toEqual({ reserved: true });

    jest.advanceTimersByTime(45_000);
    expect(await limiter.take('10.0.0.1')).toEqual({ reserved: false, retryAfterSeconds: 15 });
    jest.advanceTimersByTime(15_001);
    expect(await limiter.take('10.0.0.1')).toEqual({ reserved: true });
  });

  it('of a burst sent at once, exactly the limit passes', async () => {
    const limiter = new RequestLimiter(limit);

    const burst = await Promise.all(Array.from({ length: 20 }, () => limiter.take('10.0.0.3')));

    expect(burst.filter(({ reserved }) => reserved)).toHaveLength(3);
  });
});
