import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PeriodicPurge } from '@oauth-flow-lab/database';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { loadClientWebConfig } from '../src/config/client-web.config';
import { StoredSession, sessionIdDigest } from '../src/session/stored-session.entity';
import { callbackQuery, startAuthorization } from './fixtures/browser';
import { startClientWeb } from './fixtures/client-web-app';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { FakeResourceApi } from './fixtures/fake-resource-api';

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/**
 * docs/security-cases.md, case 44, client-web's part: its expired sessions (an anonymous visitor's
 * pending authorization, or a connected user's tokens) are deleted by client-web itself
 * (session/purge-expired-sessions.ts, run by libs/database's PeriodicPurge every
 * PURGE_INTERVAL_SECONDS), not only when their browser comes back; live ones are kept and still
 * work. Sessions are made through /connect and /callback, then aged through the table.
 */
describe('case 44: client-web deletes expired sessions', () => {
  const authServer = new FakeAuthServer();
  const resourceApi = new FakeResourceApi();
  let env: { AUTH_SERVER_INTERNAL_URL: string; RESOURCE_API_URL: string };

  beforeAll(async () => {
    env = {
      AUTH_SERVER_INTERNAL_URL: await authServer.start(),
      RESOURCE_API_URL: await resourceApi.start(),
    };
  });
  afterAll(async () => {
    await authServer.stop();
    await resourceApi.stop();
  });

  const sessions = (app: NestExpressApplication) =>
    app.get(DataSource).getRepository(StoredSession);
  const expire = (app: NestExpressApplication, idDigest: string, expiresAt: number) =>
    sessions(app).update({ idDigest }, { expiresAt });

  /** A browser that started an authorization (step 1) and so holds a session. */
  async function anonymousSession(app: NestExpressApplication) {
    const browser = request.agent(app.getHttpServer());
    await startAuthorization(browser);
    return { browser, idDigest: await sessionDigestOf(browser) };
  }

  /** A browser connected through steps 1-4: its session holds the tokens. */
  async function connectedSession(app: NestExpressApplication) {
    const browser = request.agent(app.getHttpServer());
    const authorizationRequest = await startAuthorization(browser);
    await browser.get('/callback').query(callbackQuery(authorizationRequest)).expect(303);
    return {
      browser,
      idDigest: await sessionDigestOf(browser),
      accessToken: authServer.issuedAccessTokens.at(-1) ?? '',
      refreshToken: authServer.refreshTokens.issued.at(-1) ?? '',
    };
  }

  describe('a purge', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      // Purged only when a test says so; the timer has a test of its own.
      app = await startClientWeb({ ...env, PURGE_INTERVAL_SECONDS: '0' });
    });
    afterAll(() => app.close());

    it('case 44: deletes the expired sessions, tokens and all, and keeps the live ones, which still work', async () => {
      const liveAnonymous = await anonymousSession(app);
      const liveConnected = await connectedSession(app);
      const expiredAnonymous = await anonymousSession(app);
      const expiredConnected = await connectedSession(app);
      const { refreshToken } = expiredConnected;
      expect(refreshToken).not.toBe('');
      expect(
        (await sessions(app).findOneByOrFail({ idDigest: expiredConnected.idDigest })).data,
      ).toContain(refreshToken);
      await expire(app, expiredAnonymous.idDigest, nowInSeconds() - 3600);
      await expire(app, expiredConnected.idDigest, nowInSeconds());

      expect(await app.get(PeriodicPurge).runOnce()).toEqual({ 'expired sessions': 2 });

      const left = (await sessions(app).find()).map((row) => row.idDigest);
      expect(left.sort()).toEqual([liveAnonymous.idDigest, liveConnected.idDigest].sort());
      expect((await sessions(app).find()).filter((row) => row.data.includes(refreshToken))).toEqual(
        [],
      );
      // The live connected session still shows the signed-in home page.
      resourceApi.giveNotes(liveConnected.accessToken, []);
      expect((await liveConnected.browser.get('/').expect(200)).text).toContain('Your notes');
    });

    it('case 44: PURGE_INTERVAL_SECONDS: every 5 minutes by default, 0 times none, anything else refused', () => {
      expect(app.get(PeriodicPurge).isScheduled).toBe(false);
      expect(loadClientWebConfig({}).purgeIntervalSeconds).toBe(300);
      expect(() => loadClientWebConfig({ PURGE_INTERVAL_SECONDS: '86401' })).toThrow(
        /PURGE_INTERVAL_SECONDS/,
      );
    });
  });

  it('case 44: with PURGE_INTERVAL_SECONDS=1 the timer deletes them without being asked', async () => {
    const app = await startClientWeb({ ...env, PURGE_INTERVAL_SECONDS: '1' });
    try {
      expect(app.get(PeriodicPurge).isScheduled).toBe(true);
      const live = await anonymousSession(app);
      const expired = await anonymousSession(app);
      await expire(app, expired.idDigest, nowInSeconds() - 1);

      await eventually(
        async () => (await sessions(app).countBy({ idDigest: expired.idDigest })) === 0,
      );
      expect(await sessions(app).countBy({ idDigest: live.idDigest })).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('case 44: closing client-web during a purge: it finishes or stops, nothing fails, and no purge runs after', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const app = await startClientWeb({ ...env, PURGE_INTERVAL_SECONDS: '0' });
      const purge = app.get(PeriodicPurge);
      const expired = await anonymousSession(app);
      await expire(app, expired.idDigest, nowInSeconds() - 1);

      const running = purge.runOnce();
      await app.close();

      await expect(running).resolves.toBeInstanceOf(Object);
      await expect(purge.runOnce()).resolves.toEqual({});
      expect(warn.mock.calls.flat().join('\n')).not.toMatch(/not purged/);
    } finally {
      warn.mockRestore();
    }
  });
});

/** The row key of the browser's session: the digest of the id in its `client_web.sid` cookie. */
async function sessionDigestOf(browser: TestAgent): Promise<string> {
  const sent = (await browser.get('/health').expect(200)).request.cookies;
  const cookie = sent.split('; ').find((c) => c.startsWith('client_web.sid='));
  if (cookie === undefined) {
    throw new Error('the browser holds no session cookie');
  }
  // express-session's signed value: `s:<id>.<HMAC>`.
  const value = decodeURIComponent(cookie.slice('client_web.sid='.length));
  return sessionIdDigest(value.slice('s:'.length, value.lastIndexOf('.')));
}

/**
 * Waits for what the timer does: checks `done` again until it holds, a bounded number of times,
 * and fails if it never does.
 */
async function eventually(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (await done()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the purge never ran');
}
