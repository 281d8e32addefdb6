import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CsrfGuard } from '../src/csrf/csrf.guard';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

describe(CsrfGuard.name, () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    app = await createTestApp(await adminApi.start());
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  async function openLoginPage(challenge: string) {
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    return { browser, csrf: hiddenField(page.text, '_csrf') };
  }

  const credentials = { username: ALICE.username, password: ALICE.password };

  it('case 10: login POST without a CSRF token -> 403 page, nothing accepted', async () => {
    const { browser } = await openLoginPage('csrf-missing');

    const response = await browser
      .post('/login')
      .type('form')
      .send({ login_challenge: 'csrf-missing', ...credentials });

    expect(response.status).toBe(403);
    expect(response.text).toContain('This form can no longer be sent');
    expect(adminApi.decisions()).toEqual([]);
  });

  it('case 10: login POST with a wrong CSRF token -> 403 page, nothing accepted', async () => {
    const { browser, csrf } = await openLoginPage('csrf-wrong');

    await browser
      .post('/login')
      .type('form')
      .send({ login_challenge: 'csrf-wrong', _csrf: `${csrf.slice(0, -2)}00`, ...credentials })
      .expect(403);

    expect(adminApi.decisions()).toEqual([]);
  });

  it("case 10: login POST with another browser's token and cookies missing -> 403", async () => {
    const { csrf } = await openLoginPage('csrf-other-browser');

    await request(app.getHttpServer())
      .post('/login')
      .type('form')
      .send({ login_challenge: 'csrf-other-browser', _csrf: csrf, ...credentials })
      .expect(403);

    expect(adminApi.decisions()).toEqual([]);
  });

  it('case 10: a token minted for one browser does not work in another', async () => {
    const first = await openLoginPage('csrf-first');
    const second = await openLoginPage('csrf-second');

    await second.browser
      .post('/login')
      .type('form')
      .send({ login_challenge: 'csrf-second', _csrf: first.csrf, ...credentials })
      .expect(403);

    expect(adminApi.decisions()).toEqual([]);
  });

  it('case 10: the token sent twice -> 403', async () => {
    const { browser, csrf } = await openLoginPage('csrf-twice');

    await browser
      .post('/login')
      .type('form')
      .send(`login_challenge=csrf-twice&_csrf=${csrf}&_csrf=${csrf}&username=alice&password=x`)
      .expect(403);

    expect(adminApi.decisions()).toEqual([]);
  });

  it('case 10: consent POST without / with a wrong CSRF token -> 403 page, nothing accepted', async () => {
    adminApi.addConsentRequest('csrf-consent', ALICE.id, ['notes:read']);
    const browser = request.agent(app.getHttpServer());
    await browser.get('/consent').query({ consent_challenge: 'csrf-consent' }).expect(200);

    await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: 'csrf-consent', decision: 'allow' })
      .expect(403);
    await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: 'csrf-consent', decision: 'allow', _csrf: 'forged.token' })
      .expect(403);

    expect(adminApi.decisions()).toEqual([]);
  });
});
