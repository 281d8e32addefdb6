import { loadLoginUiConfig } from '../config/login-ui.config';
import { TooManyLoginAttemptsError } from '../errors/page-errors';
import { LoginThrottle } from './login-throttle';

describe(LoginThrottle.name, () => {
  const config = loadLoginUiConfig({
    LOGIN_MAX_FAILURES_PER_USERNAME: '2',
    LOGIN_MAX_FAILURES_PER_IP: '4',
    LOGIN_FAILURE_WINDOW_SECONDS: '60',
  });
  const t0 = 1_700_000_000_000;
  let sut: LoginThrottle;

  beforeEach(() => {
    sut = new LoginThrottle(config);
  });

  function refusal(username: string, ip: string, now: number): TooManyLoginAttemptsError | null {
    try {
      sut.check(username, ip, now);
      return null;
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsError) {
        return error;
      }
      throw error;
    }
  }

  it('lets attempts through below the per-account threshold', () => {
    sut.recordFailure('alice', '10.0.0.1', t0);

    expect(refusal('alice', '10.0.0.1', t0)).toBeNull();
  });

  it('refuses an account at its threshold, from any address, with the seconds left', () => {
    sut.recordFailure('alice', '10.0.0.1', t0);
    sut.recordFailure('Alice', '10.0.0.2', t0 + 10_000);

    const error = refusal('alice', '10.0.0.3', t0 + 15_000);

    expect(error?.status).toBe(429);
    expect(error?.headers).toEqual({ 'Retry-After': '45' });
  });

  it('refuses an address at its threshold, for any account', () => {
    for (const username of ['a', 'b', 'c', 'd']) {
      sut.recordFailure(username, '10.0.0.9', t0);
    }

    expect(refusal('alice', '10.0.0.9', t0)).toBeInstanceOf(TooManyLoginAttemptsError);
    expect(refusal('alice', '10.0.0.8', t0)).toBeNull();
  });

  it('forgets failures once the window has passed', () => {
    sut.recordFailure('alice', '10.0.0.1', t0);
    sut.recordFailure('alice', '10.0.0.1', t0);

    expect(refusal('alice', '10.0.0.1', t0 + 60_000)).toBeNull();
  });

  it("clears an account's failures after a successful sign-in", () => {
    sut.recordFailure('alice', '10.0.0.1', t0);
    sut.recordSuccess('alice');
    sut.recordFailure('alice', '10.0.0.1', t0);

    expect(refusal('alice', '10.0.0.1', t0)).toBeNull();
  });
});
