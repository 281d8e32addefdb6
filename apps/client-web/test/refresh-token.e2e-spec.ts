import type TestAgent from 'supertest/lib/agent';
import { FreshAccessTokenService } from '../src/tokens/fresh-access-token.service';
import { page } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';
import type { RecordedTokenRequest } from './fixtures/fake-auth-server';

const BASIC = `Basic ${Buffer.from('client-web:client-web-secret').toString('base64')}`;
const PAST = Math.floor(Date.now() / 1000) - 60;
const realNow = Date.now.bind(Date);
let clockOffsetMs = 0;

/**
 * RFC 6749 §6: the access token kept alive with the refresh token, rotated by auth-server, spent
 * once per session, and the connection ended when auth-server refuses it.
 */
describe(FreshAccessTokenService.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;

  beforeEach(() => {
    browser = world.browser();
  });

  afterEach(() => {
    clockOffsetMs = 0;
    jest.restoreAllMocks();
  });

  /**
   * client-web's clock jumps ahead. The client cannot be handed an already expired token (RFC 6749
   * §5.1 `expires_in` is positive, and the token itself is opaque to it): time has to pass.
   */
  function advanceClock(seconds: number): void {
    clockOffsetMs += seconds * 1000;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + clockOffsetMs);
  }

  /** Steps 1-4 with an access token whose `exp` is in the past; returns its refresh token. */
  async function connectWithExpiredToken(): Promise<{ expired: string; refreshToken: string }> {
    world.authServer.prepareAccessToken({ exp: PAST }); // answered with expires_in: 1
    const expired = await world.connect(browser);
    const refreshToken = world.authServer.refreshTokens.issued.at(-1) ?? '';
    advanceClock(2);
    return { expired, refreshToken };
  }

  /** The access token the next refresh will return, with notes on resource-api. */
  function nextAccessTokenWithNotes(): string {
    const accessToken = world.authServer.prepareAccessToken();
    world.resourceApi.giveNotes(accessToken, [{ id: 'n1', title: 'Tea', body: 'At six' }]);
    return accessToken;
  }

  function expectRefreshRequest(sut: RecordedTokenRequest | undefined, refreshToken: string) {
    expect(sut?.method).toBe('POST');
    expect(sut?.path).toBe('/token');
    expect(sut?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sut?.headers.authorization).toBe(BASIC);
    expect(Object.fromEntries(sut?.body ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
  }

  it('refreshes an expired access token before calling resource-api, and says so once', async () => {
    const { expired, refreshToken } = await connectWithExpiredToken();
    const refreshed = nextAccessTokenWithNotes();
    const before = world.authServer.refreshRequests.length;

    const response = await browser.get('/').expect(200);

    expect(world.authServer.refreshRequests).toHaveLength(before + 1);
    expectRefreshRequest(world.authServer.refreshRequests.at(-1), refreshToken);
    const sut = page(response.text);
    expect(sut.text('[data-testid=token-notice]')).toBe(
      'The access token had expired; Notes Reader used its refresh token to get a new one (RFC 6749 §6).',
    );
    expect(sut.texts('[data-testid=note]')).toHaveLength(1);
    expect(world.resourceApi.requests.at(-1)?.authorization).toBe(`Bearer ${refreshed}`);
    expect(world.resourceApi.requests.map((r) => r.authorization)).not.toContain(
      `Bearer ${expired}`,
    );
    expect(response.text).not.toContain(world.authServer.refreshTokens.issued.at(-1));

    const next = page((await browser.get('/').expect(200)).text);
    expect(next.has('[data-testid=token-notice]')).toBe(false);
    expect(next.texts('[data-testid=note]')).toHaveLength(1);
    expect(world.authServer.refreshRequests).toHaveLength(before + 1);
  });

  it('stores the rotated refresh token and spends it next time, never the old one', async () => {
    const { refreshToken } = await connectWithExpiredToken();
    nextAccessTokenWithNotes();
    await browser.get('/').expect(200);
    const rotated = world.authServer.refreshTokens.issued.at(-1) ?? '';
    advanceClock(601);
    nextAccessTokenWithNotes();

    const sut = page((await browser.get('/').expect(200)).text);

    expectRefreshRequest(world.authServer.refreshRequests.at(-1), rotated);
    expect(rotated).not.toBe(refreshToken);
    expect(world.authServer.refreshTokens.stateOf(refreshToken)).toBe('rotated-out');
    expect(sut.text('[data-testid=token-notice]')).toContain('The access token had expired');
    expect(sut.texts('[data-testid=note]')).toHaveLength(1);
  });

  it('refreshes once and retries when resource-api answers 401 invalid_token', async () => {
    const rejected = await world.connect(browser); // resource-api has no notes for it: 401
    const refreshToken = world.authServer.refreshTokens.issued.at(-1) ?? '';
    const refreshed = nextAccessTokenWithNotes();
    const before = world.authServer.refreshRequests.length;

    const sut = page((await browser.get('/').expect(200)).text);

    expect(world.authServer.refreshRequests).toHaveLength(before + 1);
    expectRefreshRequest(world.authServer.refreshRequests.at(-1), refreshToken);
    expect(world.resourceApi.requests.slice(-2).map((r) => r.authorization)).toEqual([
      `Bearer ${rejected}`,
      `Bearer ${refreshed}`,
    ]);
    expect(sut.text('[data-testid=token-notice]')).toContain(
      'resource-api rejected the access token; Notes Reader used its refresh token',
    );
    expect(sut.texts('[data-testid=note]')).toHaveLength(1);
  });

  it('spends the refresh token once when two page loads find the token expired', async () => {
    const { refreshToken } = await connectWithExpiredToken();
    nextAccessTokenWithNotes();
    const before = world.authServer.refreshRequests.length;
    world.authServer.refreshDelayMs = 200;
    try {
      const pages = await Promise.all([browser.get('/').expect(200), browser.get('/').expect(200)]);

      expect(world.authServer.refreshRequests).toHaveLength(before + 1);
      expectRefreshRequest(world.authServer.refreshRequests.at(-1), refreshToken);
      for (const response of pages) {
        expect(page(response.text).texts('[data-testid=note]')).toHaveLength(1);
      }
      const rotated = world.authServer.refreshTokens.issued.at(-1) ?? '';
      expect(world.authServer.refreshTokens.stateOf(rotated)).toBe('active');
    } finally {
      world.authServer.refreshDelayMs = 0;
    }
  });

  it('ends the connection when auth-server answers invalid_grant (family revoked)', async () => {
    const { expired, refreshToken } = await connectWithExpiredToken();
    world.authServer.refreshTokens.revoke(refreshToken); // e.g. a stolen copy was replayed

    const sut = page((await browser.get('/').expect(200)).text);

    expect(sut.text('[data-testid=flash]')).toContain('Your connection has ended; connect again.');
    expect(sut.text('[data-testid=flash]')).toContain('invalid_grant');
    expect(sut.has('a[href="/connect"]')).toBe(true);
    expect(world.resourceApi.requests.map((r) => r.authorization)).not.toContain(
      `Bearer ${expired}`,
    );
    const before = world.authServer.refreshRequests.length;
    const next = page((await browser.get('/').expect(200)).text);
    expect(next.has('a[href="/connect"]')).toBe(true);
    expect(next.has('[data-testid=flash]')).toBe(false);
    expect(world.authServer.refreshRequests).toHaveLength(before);
  });

  it('keeps the connection and says so when auth-server cannot be reached for the refresh', async () => {
    await connectWithExpiredToken();
    world.authServer.hangUpNext();

    const sut = page((await browser.get('/').expect(200)).text);

    expect(sut.text('[data-testid=token-notice]')).toContain('could not be refreshed');
    expect(sut.text('[data-testid=token-rejected]')).toContain('rejected the access token');
    nextAccessTokenWithNotes();
    const retried = page((await browser.get('/').expect(200)).text);
    expect(retried.texts('[data-testid=note]')).toHaveLength(1);
  });

  it('refreshes before creating a note, and the page after the redirect says so', async () => {
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const csrfToken = page((await browser.get('/').expect(200)).text).csrfToken('/notes');
    advanceClock(601);
    nextAccessTokenWithNotes();

    await browser
      .post('/notes')
      .type('form')
      .send({ _csrf: csrfToken, title: 'Jam', body: 'Strawberry' })
      .expect(303);

    const sut = page((await browser.get('/').expect(200)).text);
    expect(sut.text('[data-testid=flash]')).toBe(
      'The access token had expired; Notes Reader used its refresh token to get a new one (RFC 6749 §6). Note "Jam" created.',
    );
    expect(sut.texts('[data-testid=note]').join()).toContain('Jam');
  });
});
