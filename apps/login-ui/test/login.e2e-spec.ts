import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LoginController } from '../src/login/login.controller';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

describe(LoginController.name, () => {
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

  /** Opens the login page in a fresh browser (cookie jar) and returns it with the form's token. */
  async function openLoginPage(challenge: string) {
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    return { browser, page, csrf: hiddenField(page.text, '_csrf') };
  }

  function signIn(challenge: string, username: string, password: string) {
    return openLoginPage(challenge).then(({ browser, csrf }) =>
      browser
        .post('/login')
        .type('form')
        .send({ login_challenge: challenge, _csrf: csrf, username, password }),
    );
  }

  it('shows the client name and the sign-in form', async () => {
    const { page } = await openLoginPage('login-show');

    expect(page.text).toContain('Sign in to continue to Notes Reader');
    expect(page.text).toContain('<form method="post" action="/login">');
    expect(hiddenField(page.text, 'login_challenge')).toBe('login-show');
    expect(page.headers['set-cookie']).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^login_ui\.csrf=.*HttpOnly; SameSite=Lax/),
        expect.stringMatching(/^login_ui\.browser_id=.*HttpOnly; SameSite=Lax/),
      ]),
    );
  });

  it("accepts the login with alice's subject and claims, then 303 to redirect_to", async () => {
    const response = await signIn('login-ok', ALICE.username, ALICE.password);

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(
      'http://localhost:3000/authorize/continue?login_verifier=v-login-ok&accept=1',
    );
    expect(adminApi.decisions()).toContainEqual({
      method: 'PUT',
      path: '/admin/login-requests/login-ok/accept',
      authorization: 'Bearer fake-admin-api-secret-for-tests',
      body: {
        subject: ALICE.id,
        claims: { name: ALICE.name, preferred_username: 'alice' },
        authenticated_at: expect.any(Number) as unknown,
      },
    });
  });

  it('case 12: unknown user and wrong password -> identical 401 and body (apart from the CSRF token)', async () => {
    const wrongPassword = await signIn('login-wrong-pw', 'alice', 'not-her-password');
    const unknownUser = await signIn('login-unknown', 'nobody', 'not-her-password');

    const normalise = (text: string, challenge: string) =>
      text.replace(/name="_csrf" value="[^"]*"/, '').replace(challenge, 'CHALLENGE');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.text).toContain('Invalid username or password');
    expect(normalise(unknownUser.text, 'login-unknown')).toBe(
      normalise(wrongPassword.text, 'login-wrong-pw'),
    );
    expect(adminApi.decisions().map((call) => call.path)).not.toContain(
      '/admin/login-requests/login-unknown/accept',
    );
  });

  it.each([`' OR '1'='1`, `alice' --`, '{"$gt":""}', '../', '../../etc/passwd', 'alice\u0000'])(
    'case 13: injection-shaped username %j -> an ordinary 401',
    async (username) => {
      const response = await signIn(
        `login-inject-${Buffer.from(username).toString('hex')}`,
        username,
        ALICE.password,
      );

      expect(response.status).toBe(401);
      expect(response.text).toContain('Invalid username or password');
    },
  );

  it('refuses a duplicated field with a 400 page', async () => {
    const { browser, csrf } = await openLoginPage('login-dup');

    const response = await browser
      .post('/login')
      .type('form')
      .send(`login_challenge=login-dup&_csrf=${csrf}&username=alice&username=bob&password=x`);

    expect(response.status).toBe(400);
    expect(response.text).toContain('The username parameter must be sent exactly once.');
    expect(adminApi.decisions().map((call) => call.path)).not.toContain(
      '/admin/login-requests/login-dup/accept',
    );
  });

  it('refuses a bracketed (object-shaped) field with a 400 page', async () => {
    const { browser, csrf } = await openLoginPage('login-obj');

    const response = await browser
      .post('/login')
      .type('form')
      .send(`login_challenge=login-obj&_csrf=${csrf}&username[$gt]=&password=x`);

    expect(response.status).toBe(400);
  });

  it('answers a missing login_challenge with a 400 page', async () => {
    const response = await request(app.getHttpServer()).get('/login').expect(400);

    expect(response.text).toContain('The login_challenge parameter is missing.');
  });

  it('answers a repeated login_challenge with a 400 page', async () => {
    await request(app.getHttpServer())
      .get('/login?login_challenge=a&login_challenge=b')
      .expect(400);
  });
});
