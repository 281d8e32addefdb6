import { loadClientWebConfig } from '../config/client-web.config';
import { SingleRefreshPerSession } from './single-refresh-per-session';

const tokenResponse = () =>
  new Response(
    JSON.stringify({
      access_token: 'new-at',
      token_type: 'Bearer',
      expires_in: 600,
      scope: 's',
      refresh_token: 'new-rt',
    }),
    { status: 200 },
  );

describe(SingleRefreshPerSession.name, () => {
  let sut: SingleRefreshPerSession;
  let fetchMock: jest.SpyInstance;

  beforeEach(() => {
    sut = new SingleRefreshPerSession(loadClientWebConfig({}));
    fetchMock = jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation(() => Promise.resolve(tokenResponse()));
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sends one refresh for parallel requests of a session holding the same refresh token', async () => {
    const [first, second] = await Promise.all([
      sut.refresh('session-a', 'rt-1'),
      sut.refresh('session-a', 'rt-1'),
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
  });

  it('hands the finished result to a late request that still read the old refresh token', async () => {
    const first = await sut.refresh('session-a', 'rt-1');
    expect(await sut.refresh('session-a', 'rt-1')).toBe(first);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('refreshes separately for another session or the next refresh token', async () => {
    await Promise.all([sut.refresh('session-a', 'rt-1'), sut.refresh('session-b', 'rt-9')]);
    await sut.refresh('session-a', 'new-rt');
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('does not keep a refresh that got no answer: the next request tries again', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    expect(await sut.refresh('session-a', 'rt-1')).toMatchObject({ kind: 'unavailable' });
    expect(await sut.refresh('session-a', 'rt-1')).toMatchObject({ kind: 'refreshed' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('forgets a finished refresh after a grace period', async () => {
    await sut.refresh('session-a', 'rt-1');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    await sut.refresh('session-a', 'rt-1');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
