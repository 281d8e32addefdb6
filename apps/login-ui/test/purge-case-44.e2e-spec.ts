import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { PeriodicPurge } from '@oauth-flow-lab/database';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadLoginUiConfig } from '../src/config/login-ui.config';
import { LoginSession } from '../src/sessions/login-session.entity';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/**
 * docs/security-cases.md, case 44, login-ui's part: expired login sessions are deleted by login-ui
 * itself (sessions/purge-expired-login-sessions.ts, run by libs/database's PeriodicPurge every
 * PURGE_INTERVAL_SECONDS), not only when someone signs in; live ones are kept and still skip the
 * login form. Sessions are made by signing in ("Keep me signed in"), then aged through the table.
 */
describe('case 44: login-ui deletes expired login sessions', () => {
  let adminApi: FakeAdminApi;
  let adminUrl: string;
  let challenges = 0;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    adminUrl = await adminApi.start();
  });
  afterAll(() => adminApi.stop());

  /** A browser signs in with "Keep me signed in"; returns it and its session's row key. */
  async function signIn(app: INestApplication<Server>) {
    challenges += 1;
    const challenge = `purge-${challenges}`;
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    const response = await browser
      .post('/login')
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: hiddenField(page.text, '_csrf'),
        username: ALICE.username,
        password: ALICE.password,
        keep_signed_in: 'yes',
      })
      .expect(303);
    const cookie = (response.get('Set-Cookie') ?? []).find((c) =>
      c.startsWith('login_ui.session='),
    );
    const id = /^login_ui\.session=([A-Za-z0-9_-]{43})\./.exec(cookie ?? '')?.[1];
    if (id === undefined) {
      throw new Error('no login session was started');
    }
    return { browser, idDigest: createHash('sha256').update(id).digest('hex') };
  }

  const sessions = (app: INestApplication<Server>) =>
    app.get(DataSource).getRepository(LoginSession);

  describe('a purge', () => {
    let app: INestApplication<Server>;

    beforeAll(async () => {
      // Purged only when a test says so; the timer has a test of its own.
      app = await createTestApp(adminUrl, { PURGE_INTERVAL_SECONDS: '0' });
    });
    afterAll(() => app.close());

    it('case 44: deletes the expired sessions and keeps the live one, which still skips the login form', async () => {
      const live = await signIn(app);
      const expired = await signIn(app);
      const justExpired = await signIn(app);
      await sessions(app).update(
        { idDigest: expired.idDigest },
        { expiresAt: nowInSeconds() - 3600 },
      );
      await sessions(app).update(
        { idDigest: justExpired.idDigest },
        { expiresAt: nowInSeconds() - 1 },
      );

      expect(await app.get(PeriodicPurge).runOnce()).toEqual({ 'expired login sessions': 2 });

      expect((await sessions(app).find()).map((row) => row.idDigest)).toEqual([live.idDigest]);
      adminApi.addLoginRequest('purge-after');
      await live.browser.get('/login').query({ login_challenge: 'purge-after' }).expect(303);
    });

    it('case 44: PURGE_INTERVAL_SECONDS: every 5 minutes by default, 0 times none, anything else refused', () => {
      expect(app.get(PeriodicPurge).isScheduled).toBe(false);
      expect(loadLoginUiConfig({}).purgeIntervalSeconds).toBe(300);
      expect(() => loadLoginUiConfig({ PURGE_INTERVAL_SECONDS: 'soon' })).toThrow(
        /PURGE_INTERVAL_SECONDS/,
      );
    });
  });

  it('case 44: with PURGE_INTERVAL_SECONDS=1 the timer deletes them without being asked', async () => {
    const app = await createTestApp(adminUrl, { PURGE_INTERVAL_SECONDS: '1' });
    try {
      expect(app.get(PeriodicPurge).isScheduled).toBe(true);
      const live = await signIn(app);
      const expired = await signIn(app);
      await sessions(app).update({ idDigest: expired.idDigest }, { expiresAt: nowInSeconds() - 1 });

      await eventually(
        async () => (await sessions(app).countBy({ idDigest: expired.idDigest })) === 0,
      );
      expect(await sessions(app).countBy({ idDigest: live.idDigest })).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('case 44: closing login-ui during a purge: it finishes or stops, nothing fails, and no purge runs after', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const app = await createTestApp(adminUrl, { PURGE_INTERVAL_SECONDS: '0' });
      const purge = app.get(PeriodicPurge);
      const expired = await signIn(app);
      await sessions(app).update({ idDigest: expired.idDigest }, { expiresAt: nowInSeconds() - 1 });

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
