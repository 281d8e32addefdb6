import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { SCOPE_DESCRIPTIONS } from '@oauth-flow-lab/contracts';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { AppsController } from '../src/apps/apps.controller';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

const BOB_ID = 'b7e4d913-2c58-4f06-a3d9-51e8c7a2f630';

/** GET /apps: the connected apps of the user signed in at login-ui, and Revoke. */
describe(AppsController.name, () => {
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

  beforeEach(() => {
    adminApi.consents.set(ALICE.id, [
      {
        client_id: 'client-web',
        client_name: 'Notes Reader',
        scope: ['openid', 'notes:read'],
        remembered_at: '2026-11-20T10:00:00.000Z',
      },
    ]);
    adminApi.consents.set(BOB_ID, [
      {
        client_id: 'client-web',
        client_name: 'Notes Reader',
        scope: ['notes:read'],
        remembered_at: '2026-11-21T10:00:00.000Z',
      },
    ]);
  });

  const deletes = () => adminApi.calls.filter((call) => call.method === 'DELETE');

  /** A fresh browser signs in on /apps' own form (no authorization request involved). */
  async function signedInBrowser() {
    const browser = request.agent(app.getHttpServer());
    const form = await browser.get('/apps').expect(200);
    await browser
      .post('/apps/sign-in')
      .type('form')
      .send({
        _csrf: hiddenField(form.text, '_csrf'),
        username: ALICE.username,
        password: ALICE.password,
      })
      .expect(303)
      .expect('Location', '/apps');
    const page = await browser.get('/apps').expect(200);
    return { browser, page };
  }

  it('not signed in: a sign-in form posting to /apps/sign-in, and no admin API call', async () => {
    const before = adminApi.calls.length;
    const page = await request(app.getHttpServer()).get('/apps').expect(200);

    expect(page.text).toContain('<form method="post" action="/apps/sign-in">');
    expect(adminApi.calls.length).toBe(before);
  });

  it('a wrong password -> 401 with the generic message, no session', async () => {
    const browser = request.agent(app.getHttpServer());
    const form = await browser.get('/apps');
    const response = await browser
      .post('/apps/sign-in')
      .type('form')
      .send({ _csrf: hiddenField(form.text, '_csrf'), username: 'alice', password: 'nope' });

    expect(response.status).toBe(401);
    expect(response.text).toContain('Invalid username or password');
    expect(response.get('Set-Cookie') ?? []).not.toContainEqual(
      expect.stringMatching(/^login_ui\.session=/),
    );
  });

  it("lists the signed-in user's apps: name, scopes with descriptions, date", async () => {
    const { page } = await signedInBrowser();
    const $ = cheerio.load(page.text);
    const apps = $('[data-testid=connected-app]');

    expect(apps.length).toBe(1);
    expect(apps.attr('data-client-id')).toBe('client-web');
    expect(apps.find('strong').first().text()).toBe('Notes Reader');
    expect(apps.find('li[data-scope="notes:read"]').text()).toContain(
      SCOPE_DESCRIPTIONS['notes:read'],
    );
    expect(apps.find('time').attr('datetime')).toBe('2026-11-20T10:00:00.000Z');
    expect(apps.find('form').attr('action')).toBe('/apps/client-web/revoke');
    expect(adminApi.calls.at(-1)?.path).toBe(`/admin/subjects/${ALICE.id}/consents`);
  });

  it('Revoke: DELETE for the session user (never a form field), 303 back with a message', async () => {
    const { browser, page } = await signedInBrowser();
    const csrf = cheerio
      .load(page.text)('[data-testid=connected-app] form input[name=_csrf]')
      .val();

    const response = await browser
      .post('/apps/client-web/revoke')
      .type('form')
      .send({ _csrf: String(csrf), subject: BOB_ID });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/apps?status=revoked');
    expect(deletes().at(-1)).toMatchObject({
      path: `/admin/subjects/${ALICE.id}/consents/client-web`,
      authorization: 'Bearer fake-admin-api-secret-for-tests',
    });
    const after = await browser.get(response.headers.location).expect(200);
    expect(cheerio.load(after.text)('[data-testid=message]').text()).toContain('revoked');
    expect(cheerio.load(after.text)('[data-testid=connected-app]').length).toBe(0);
    expect(adminApi.consents.get(BOB_ID)).toHaveLength(1);
  });

  /** Words an attacker would like the site to say in its own voice, in a link it sends the user. */
  const ATTACKER_TEXT = 'Your account is locked. Call +1 555 0100 to unlock it';

  it.each(['revoked', 'status'])(
    "case 51: /apps?%s=<attacker text> (signed in) shows no message and not the URL's text",
    async (name) => {
      const { browser } = await signedInBrowser();

      const sut = await browser
        .get('/apps')
        .query({ [name]: ATTACKER_TEXT })
        .expect(200);

      expect(sut.text).not.toContain('Call +1 555 0100');
      expect(cheerio.load(sut.text)('[data-testid=message]').length).toBe(0);
      expect(cheerio.load(sut.text)('[data-testid=connected-app]').length).toBe(1);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'case 51: /apps?status=%s, not a code of the list, shows no message',
    async (status) => {
      const { browser } = await signedInBrowser();

      const sut = await browser.get('/apps').query({ status }).expect(200);

      expect(cheerio.load(sut.text)('[data-testid=message]').length).toBe(0);
    },
  );

  it('case 51: a real Revoke still comes back to its fixed message', async () => {
    const { browser, page } = await signedInBrowser();
    const csrf = cheerio
      .load(page.text)('[data-testid=connected-app] form input[name=_csrf]')
      .val();

    const response = await browser
      .post('/apps/client-web/revoke')
      .type('form')
      .send({ _csrf: String(csrf) })
      .expect(303);
    const sut = await browser.get(response.headers.location).expect(200);

    expect(response.headers.location).toBe('/apps?status=revoked');
    expect(cheerio.load(sut.text)('[data-testid=message]').text()).toBe(
      "The app's access was revoked: its tokens no longer work, and it will ask for your " +
        'consent again.',
    );
  });

  it('case 10: Revoke without the CSRF token -> 403, nothing deleted', async () => {
    const { browser } = await signedInBrowser();
    const before = deletes().length;

    await browser.post('/apps/client-web/revoke').type('form').send({}).expect(403);
    await browser.post('/apps/client-web/revoke').type('form').send({ _csrf: 'x' }).expect(403);

    expect(deletes().length).toBe(before);
  });

  it('Revoke when not signed in -> back to /apps, nothing deleted', async () => {
    const browser = request.agent(app.getHttpServer());
    const form = await browser.get('/apps');
    const before = deletes().length;

    await browser
      .post('/apps/client-web/revoke')
      .type('form')
      .send({ _csrf: hiddenField(form.text, '_csrf') })
      .expect(303)
      .expect('Location', '/apps');

    expect(deletes().length).toBe(before);
  });

  it('the home page links to /apps', async () => {
    const page = await request(app.getHttpServer()).get('/').expect(200);
    expect(cheerio.load(page.text)('a[href="/apps"]').length).toBe(1);
  });
});
