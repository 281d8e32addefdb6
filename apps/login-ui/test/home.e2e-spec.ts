import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { HomeController } from '../src/home/home.controller';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp } from './fixtures/test-app';

describe(HomeController.name, () => {
  let adminApi: FakeAdminApi;
  let adminUrl: string;
  let app: INestApplication<Server>;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    adminUrl = await adminApi.start();
    app = await createTestApp(adminUrl);
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  it('introduces step 2 and lists the demo users', async () => {
    const response = await request(app.getHttpServer()).get('/').expect(200);
    const $ = cheerio.load(response.text);

    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect($('h1').text()).toContain('login-ui');
    expect($('main').text()).toContain('step 2');
    const users = $('[data-testid=demo-user]')
      .map((_, row) => $(row).find('td').first().text())
      .get();
    expect(users).toEqual(['alice', 'bob']);
    expect($('main').text()).toContain(ALICE.id);
  });

  it.each(['/', '/login?login_challenge=unknown', '/consent?consent_challenge=unknown'])(
    "case 9: %s -> CSP frame-ancestors 'none' and X-Frame-Options DENY, no CORS",
    async (path) => {
      const response = await request(app.getHttpServer())
        .get(path)
        .set('Origin', 'http://evil.example');

      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it('case 9: the sign-in page itself carries the anti-framing headers', async () => {
    adminApi.addLoginRequest('headers');
    const response = await request(app.getHttpServer())
      .get('/login?login_challenge=headers')
      .expect(200);

    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('on the http demo: no HSTS and no upgrade-insecure-requests', async () => {
    const response = await request(app.getHttpServer()).get('/').expect(200);

    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('behind an https PUBLIC_URL: HSTS, and every cookie is Secure and `__Host-` (case 54)', async () => {
    const secure = await createTestApp(adminUrl, { PUBLIC_URL: 'https://login.example.com' });
    try {
      adminApi.addLoginRequest('https');
      const response = await request(secure.getHttpServer())
        .get('/login?login_challenge=https')
        .expect(200);

      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['set-cookie']).toEqual([
        expect.stringMatching(/^__Host-login_ui\.browser_id=.*; Secure/),
        expect.stringMatching(/^__Host-login_ui\.csrf=.*; Secure/),
      ]);
    } finally {
      await secure.close();
    }
  });

  it('answers an unknown path with a 404 page', async () => {
    const response = await request(app.getHttpServer()).get('/nope').expect(404);

    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers a form over the size limit with a 413 page, never 500', async () => {
    const response = await request(app.getHttpServer())
      .post('/login')
      .type('form')
      .send(`username=${'a'.repeat(20_000)}`);

    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('does not read JSON bodies: the form fields are simply missing', async () => {
    await request(app.getHttpServer())
      .post('/login')
      .send({ username: 'alice', password: 'wonderland' })
      .expect(403);
  });
});
