import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/database';
import { SESSION_IDLE_TIMEOUT_MS } from '../src/session/session.store';
import { StoredSession, sessionIdDigest } from '../src/session/stored-session.entity';
import { page } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/**
 * docs/security-cases.md, case 40, client-web's part: its sessions (the tokens of step 4, the
 * refresh token, the signed-in user) are in its sqlite file (session/session.store.ts), so
 * restarting client-web logs nobody out, while a session that ended (Disconnect) or expired stays
 * ended across the restart.
 * Each restart closes the Nest app and boots a new one on the same file, as the process would.
 */
describe('case 40: client-web sessions survive a restart', () => {
  const world = ClientWebWithFakes.setUp({ databaseFile: true });

  /** The row of a session id, or null. */
  const storedRow = (sessionId: string) =>
    world.app
      .get(DataSource)
      .getRepository(StoredSession)
      .findOneBy({ idDigest: sessionIdDigest(sessionId) });

  /** A browser without the session cookie's jar: the old cookie, replayed as it was. */
  const homeWithCookie = async (cookie: string) =>
    page(
      (await request(world.app.getHttpServer()).get('/').set('Cookie', cookie).expect(200)).text,
    );

  it('case 40: a session survives a restart of client-web', async () => {
    const browser = world.browser();
    const accessToken = await world.connect(browser);
    world.resourceApi.giveNotes(accessToken, [{ id: 'n1', title: 'Kept', body: 'over a restart' }]);
    expect(page((await browser.get('/').expect(200)).text).text('h1')).toBe('Your notes');
    const tokenRequests = world.authServer.tokenRequests.length;

    await world.restart();

    const sut = world.sameBrowser(browser);
    const home = page((await sut.get('/').expect(200)).text);
    expect(home.text('h1')).toBe('Your notes');
    expect(home.text('[data-testid=signed-in-as]')).toBe('Signed in as Alice Liddell');
    expect(home.texts('[data-testid=note]')).toEqual([
      expect.stringMatching(/^Kept\s+over a restart$/),
    ]);
    // Step 5 after the restart sends the access token stored before it, with no new token request.
    expect(world.resourceApi.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/notes',
      authorization: `Bearer ${accessToken}`,
    });
    expect(world.authServer.tokenRequests).toHaveLength(tokenRequests);
    // The forms still work: the CSRF token is bound to the same session id and secret.
    await sut
      .post('/notes')
      .type('form')
      .send({ _csrf: home.csrfToken('/notes'), title: 'Written', body: 'after it' })
      .expect(303);
    expect(page((await sut.get('/').expect(200)).text).text('[data-testid=flash]')).toBe(
      'Note "Written" created.',
    );
  });

  it('case 40: the refresh token kept in the session still gets a new access token after a restart', async () => {
    // The access token of step 4 expires at once: the next page load must refresh it (RFC 6749 §6).
    world.authServer.prepareAccessToken({ exp: Math.floor(Date.now() / 1000) - 1 });
    const browser = world.browser();
    await world.connect(browser);
    const refreshToken = world.authServer.refreshTokens.issued.at(-1);

    await world.restart();

    const fresh = world.authServer.prepareAccessToken();
    world.resourceApi.giveNotes(fresh, []);
    const home = page((await world.sameBrowser(browser).get('/').expect(200)).text);
    expect(world.authServer.refreshRequests.at(-1)?.body.get('refresh_token')).toBe(refreshToken);
    expect(home.text('h1')).toBe('Your notes');
    expect(world.resourceApi.requests.at(-1)?.authorization).toBe(`Bearer ${fresh}`);
  });

  it('case 40: Disconnect deletes the session row, tokens and all, and a restart does not bring it back', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const home = page((await browser.get('/').expect(200)).text);
    const cookie = await sessionCookieOf(browser);
    const refreshToken = world.authServer.refreshTokens.issued.at(-1) ?? '';
    expect(refreshToken).not.toBe('');
    // The row holds the tokens (that is what survives a restart)...
    expect((await storedRow(sessionIdIn(cookie)))?.data).toContain(refreshToken);

    await browser
      .post('/disconnect')
      .type('form')
      .send({ _csrf: home.csrfToken('/disconnect') })
      .expect(303);

    // ...and Disconnect deletes it: no soft delete, no copy of the tokens left in the table.
    expect(await storedRow(sessionIdIn(cookie))).toBeNull();
    const rows = await world.app.get(DataSource).getRepository(StoredSession).find();
    expect(rows.filter((row) => row.data.includes(refreshToken))).toEqual([]);
    await world.restart();
    expect((await homeWithCookie(cookie)).has('a[href="/connect"]')).toBe(true);
  });

  describe('expiry', () => {
    const realNow = Date.now.bind(Date);
    /** Moves client-web's clock (Date.now) past the idle timeout of every session made so far. */
    const afterIdleTimeout = () =>
      jest
        .spyOn(Date, 'now')
        .mockImplementation(() => realNow() + SESSION_IDLE_TIMEOUT_MS + 60_000);

    afterEach(() => jest.restoreAllMocks());

    it('case 40: an expired session is not brought back, neither by its cookie nor by a restart', async () => {
      const browser = world.browser();
      world.resourceApi.giveNotes(await world.connect(browser), []);
      const cookie = await sessionCookieOf(browser);

      afterIdleTimeout();
      expect(page((await browser.get('/').expect(200)).text).has('a[href="/connect"]')).toBe(true);
      // Deleted when met, not merely skipped.
      expect(await storedRow(sessionIdIn(cookie))).toBeNull();
      await world.restart();
      expect((await homeWithCookie(cookie)).has('a[href="/connect"]')).toBe(true);

      // Back in the present, when the row would not yet have expired: still nothing.
      jest.restoreAllMocks();
      expect((await homeWithCookie(cookie)).has('a[href="/connect"]')).toBe(true);
    });

    it('case 40: sessions that expired while client-web was down are deleted by the first purge after its start, live ones kept', async () => {
      const expired = world.browser();
      world.resourceApi.giveNotes(await world.connect(expired), []);
      const expiredId = sessionIdIn(await sessionCookieOf(expired));
      afterIdleTimeout();
      const live = world.browser();
      world.resourceApi.giveNotes(await world.connect(live), []);
      const liveId = sessionIdIn(await sessionCookieOf(live));

      await world.restart();

      // The first purge runs soon after the start (session/purge-expired-sessions.ts, case 44).
      for (let attempt = 0; attempt < 150 && (await storedRow(expiredId)) !== null; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await storedRow(expiredId)).toBeNull();
      expect(await storedRow(liveId)).not.toBeNull();
      expect(page((await world.sameBrowser(live).get('/').expect(200)).text).text('h1')).toBe(
        'Your notes',
      );
    });
  });

  it("case 40: client-web's database is built by its migrations at start, never by synchronize", async () => {
    const dataSource = world.app.get(DataSource);
    expect(dataSource.options).toMatchObject({ synchronize: false, migrationsRun: true });
    expect(dataSource.options.database).toMatch(/client-web\.sqlite$/);
    expect(await dataSource.query('SELECT name FROM migrations ORDER BY id')).toEqual(
      MIGRATIONS.map((migration) => ({ name: migration.name })),
    );
  });
});

/** The `client_web.sid=…` pair the browser sends (its cookie jar, read from a request it makes). */
async function sessionCookieOf(browser: TestAgent): Promise<string> {
  const sent = (await browser.get('/health').expect(200)).request.cookies;
  const cookie = sent.split('; ').find((c) => c.startsWith('client_web.sid='));
  if (cookie === undefined) {
    throw new Error('the browser holds no session cookie');
  }
  return cookie;
}

/** The session id in a signed cookie, `client_web.sid=s%3A<id>.<HMAC>` (express-session). */
function sessionIdIn(cookie: string): string {
  const value = decodeURIComponent(cookie.slice('client_web.sid='.length));
  return value.slice('s:'.length, value.lastIndexOf('.'));
}
