import { loadLoginUiConfig } from '../config/login-ui.config';
import { TooManyLoginAttemptsError } from '../errors/page-errors';
import { LoginThrottle, type SignInAttempt } from './login-throttle';

describe(LoginThrottle.name, () => {
  const config = loadLoginUiConfig({
    LOGIN_MAX_FAILURES_PER_USERNAME_AND_IP: '2',
    LOGIN_MAX_FAILURES_PER_IP: '4',
    LOGIN_FAILURE_WINDOW_SECONDS: '60',
  });
  let sut: LoginThrottle;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    sut = new LoginThrottle(config, null);
  });
  afterEach(() => jest.useRealTimers());

  /** A failed attempt: reserved, and left counted (a wrong password). */
  const fail = (username: string, ip: string, ownSession?: string) =>
    sut.reserve({ username, ip, ...(ownSession === undefined ? {} : { ownSession }) });

  async function refusal(attempt: SignInAttempt): Promise<TooManyLoginAttemptsError | null> {
    try {
      await sut.reserve(attempt);
      return null;
    } catch (error) {
      if (error instanceof TooManyLoginAttemptsError) {
        return error;
      }
      throw error;
    }
  }

  it('lets attempts through below the threshold of an account from one address', async () => {
    await fail('alice', '10.0.0.1');

    expect(await refusal({ username: 'alice', ip: '10.0.0.1' })).toBeNull();
  });

  it('refuses an account from one address at its threshold, in any case, with the seconds left', async () => {
    await fail('alice', '10.0.0.1');
    jest.advanceTimersByTime(10_000);
    await fail('Alice', '10.0.0.1');
    jest.advanceTimersByTime(5_000);

    const error = await refusal({ username: 'alice', ip: '10.0.0.1' });

    expect(error?.status).toBe(429);
    expect(error?.headers).toEqual({ 'Retry-After': '45' });
  });

  it('case 47: failures from one address never refuse the account from another address', async () => {
    await fail('alice', '10.0.0.1');
    await fail('alice', '10.0.0.1');
    expect(await refusal({ username: 'alice', ip: '10.0.0.1' })).toBeInstanceOf(
      TooManyLoginAttemptsError,
    );

    expect(await refusal({ username: 'alice', ip: '10.0.0.2' })).toBeNull();
  });

  it('case 47: a browser signed in as the user is not refused for its address’s failures', async () => {
    for (const username of ['alice', 'alice', 'bob', 'carol']) {
      await fail(username, '10.0.0.1');
    }
    expect(await refusal({ username: 'alice', ip: '10.0.0.1' })).toBeInstanceOf(
      TooManyLoginAttemptsError,
    );

    expect(await refusal({ username: 'alice', ip: '10.0.0.1', ownSession: 'own' })).toBeNull();
  });

  it('counts a signed-in browser’s own failures under its session', async () => {
    await fail('alice', '10.0.0.1', 'own');
    await fail('alice', '10.0.0.2', 'own');

    expect(await refusal({ username: 'alice', ip: '10.0.0.3', ownSession: 'own' })).toBeInstanceOf(
      TooManyLoginAttemptsError,
    );
    expect(await refusal({ username: 'alice', ip: '10.0.0.3' })).toBeNull();
  });

  it('refuses an address at its threshold, for any account', async () => {
    for (const username of ['a', 'b', 'c', 'd']) {
      await fail(username, '10.0.0.9');
    }

    expect(await refusal({ username: 'alice', ip: '10.0.0.9' })).toBeInstanceOf(
      TooManyLoginAttemptsError,
    );
    expect(await refusal({ username: 'alice', ip: '10.0.0.8' })).toBeNull();
  });

  it('forgets failures once the window has passed', async () => {
    await fail('alice', '10.0.0.1');
    await fail('alice', '10.0.0.1');
    jest.advanceTimersByTime(60_000);

    expect(await refusal({ username: 'alice', ip: '10.0.0.1' })).toBeNull();
  });

  it("clears an account's failures after a successful sign-in", async () => {
    await fail('alice', '10.0.0.1');
    await sut.reserve({ username: 'alice', ip: '10.0.0.1' });
    await sut.succeeded({ username: 'alice', ip: '10.0.0.1' });
    await fail('alice', '10.0.0.1');

    expect(await refusal({ username: 'alice', ip: '10.0.0.1' })).toBeNull();
  });

  it('keys a very long username by its first 200 characters', async () => {
    const long = 'x'.repeat(70_000);
    await fail(long, '10.0.0.1');
    await fail(`${'x'.repeat(200)}y`, '10.0.0.1');

    expect(await refusal({ username: long, ip: '10.0.0.1' })).toBeInstanceOf(
      TooManyLoginAttemptsError,
    );
  });
});
