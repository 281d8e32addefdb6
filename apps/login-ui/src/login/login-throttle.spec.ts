import { loadLoginUiConfig } from '../config/login-ui.config';
import { TooManyLoginAttemptsError } from '../errors/page-errors';
import { LoginThrottle } from './login-throttle';

describe(LoginThrottle.name, () => {
  const config = loadLoginUiConfig({
    LOGIN_MAX_FAILURES_PER_USERNAME: '2',
    LOGIN_MAX_FAILURES_PER_IP: '4',
    LOGIN_FAILURE_WINDOW_SECONDS: '60',
  });
  let sut: LoginThrottle;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    sut = new LoginThrottle(config, null);
  });
  afterEach(() => jest.useRealTimers());

  async function refusal(username: string, ip: string): Promise<TooManyLoginAttemptsError | null> {
    try {
      await sut.check(username, ip);
      return null;
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsError) {
        return error;
      }
      throw error;
    }
  }

  it('lets attempts through below the per-account threshold', async () => {
    await sut.recordFailure('alice', '10.0.0.1');

    expect(await refusal('alice', '10.0.0.1')).toBeNull();
  });

  it('refuses an account at its threshold, from any address and in any case, with the seconds left', async () => {
    await sut.recordFailure('alice', '10.0.0.1');
    jest.advanceTimersByTime(10_000);
    await sut.recordFailure('Alice', '10.0.0.2');
    jest.advanceTimersByTime(5_000);

    const error = await refusal('alice', '10.0.0.3');

    expect(error?.status).toBe(429);
    expect(error?.headers).toEqual({ 'Retry-After': '45' });
  });

  it('refuses an address at its threshold, for any account', async () => {
    for (const username of ['a', 'b', 'c', 'd']) {
      await sut.recordFailure(username, '10.0.0.9');
    }

    expect(await refusal('alice', '10.0.0.9')).toBeInstanceOf(TooManyLoginAttemptsError);
    expect(await refusal('alice', '10.0.0.8')).toBeNull();
  });

  it('forgets failures once the window has passed', async () => {
    await sut.recordFailure('alice', '10.0.0.1');
    await sut.recordFailure('alice', '10.0.0.1');
    jest.advanceTimersByTime(60_000);

    expect(await refusal('alice', '10.0.0.1')).toBeNull();
  });

  it("clears an account's failures after a successful sign-in", async () => {
    await sut.recordFailure('alice', '10.0.0.1');
    await sut.recordSuccess('alice');
    await sut.recordFailure('alice', '10.0.0.1');

    expect(await refusal('alice', '10.0.0.1')).toBeNull();
  });

  it('keys a very long username by its first 200 characters', async () => {
    const long = 'x'.repeat(70_000);
    await sut.recordFailure(long, '10.0.0.1');
    await sut.recordFailure(`${'x'.repeat(200)}y`, '10.0.0.2');

    expect(await refusal(long, '10.0.0.3')).toBeInstanceOf(TooManyLoginAttemptsError);
  });
});
