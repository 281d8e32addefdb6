import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { SCOPE_DESCRIPTIONS } from '@oauth-flow-lab/contracts';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { ConsentController } from '../src/consent/consent.controller';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

describe(ConsentController.name, () => {
  const requestedScope = ['openid', 'profile', 'notes:read', 'notes:write'];
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

  async function openConsentPage(challenge: string, scopes = requestedScope) {
    adminApi.addConsentRequest(challenge, ALICE.id, scopes);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/consent').query({ consent_challenge: challenge }).expect(200);
    return { browser, page, csrf: hiddenField(page.text, '_csrf') };
  }

  it('lists each requested scope with its description, and Allow / Deny', async () => {
    const { page } = await openConsentPage('consent-show', ['openid', 'notes:read', 'calendar']);
    const $ = cheerio.load(page.text);

    expect($('h1').text()).toBe('Notes Reader wants to:');
    expect($('li[data-scope]').length).toBe(3);
    expect($('li[data-scope="openid"]').text()).toContain(SCOPE_DESCRIPTIONS.openid);
    expect($('li[data-scope="notes:read"]').text()).toContain(SCOPE_DESCRIPTIONS['notes:read']);
    expect($('li[data-scope="calendar"]').text()).toContain('calendar');
    expect(page.text).toContain('You are signed in as <strong>Alice Liddell</strong>');
    expect(page.text).toContain('<form method="post" action="/consent">');
    expect(page.text).toContain(
      '<button type="submit" name="decision" value="allow">Allow</button>',
    );
    expect($('button[name=decision][value=deny]').text()).toBe('Deny');
    expect(hiddenField(page.text, 'consent_challenge')).toBe('consent-show');
  });

  it('allow -> accepts exactly the requested scopes, then 303 to redirect_to', async () => {
    const { browser, csrf } = await openConsentPage('consent-allow');

    const response = await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: 'consent-allow', _csrf: csrf, decision: 'allow' });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(
      'http://localhost:3000/authorize/continue?consent_verifier=v-consent-allow&accept=1',
    );
    expect(adminApi.decisions()).toContainEqual(
      expect.objectContaining({
        path: '/admin/consent-requests/consent-allow/accept',
        body: { grant_scope: requestedScope, remember: false },
      }),
    );
  });

  it('allow ignores a scope list added to the form: the grant is what auth-server asked about', async () => {
    const { browser, csrf } = await openConsentPage('consent-tampered', ['notes:read']);

    await browser
      .post('/consent')
      .type('form')
      .send({
        consent_challenge: 'consent-tampered',
        _csrf: csrf,
        decision: 'allow',
        grant_scope: 'notes:write',
      })
      .expect(303);

    expect(adminApi.decisions()).toContainEqual(
      expect.objectContaining({
        path: '/admin/consent-requests/consent-tampered/accept',
        body: { grant_scope: ['notes:read'], remember: false },
      }),
    );
  });

  it('case 7: deny -> rejects with access_denied, then 303 (never 307) to redirect_to', async () => {
    const { browser, csrf } = await openConsentPage('consent-deny');

    const response = await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: 'consent-deny', _csrf: csrf, decision: 'deny' });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(
      'http://localhost:3000/authorize/continue?consent_verifier=v-consent-deny&reject=1',
    );
    expect(adminApi.decisions()).toContainEqual(
      expect.objectContaining({
        path: '/admin/consent-requests/consent-deny/reject',
        body: { error: 'access_denied', error_description: 'The user denied the request' },
      }),
    );
  });

  it.each(['maybe', ''])(
    'answers decision=%j with a 400 page and decides nothing',
    async (decision) => {
      const challenge = `consent-bad-decision-${decision.length}`;
      const { browser, csrf } = await openConsentPage(challenge);

      await browser
        .post('/consent')
        .type('form')
        .send({ consent_challenge: challenge, _csrf: csrf, decision })
        .expect(400);

      expect(adminApi.decisions().map((call) => call.path)).not.toContainEqual(
        expect.stringContaining(challenge),
      );
    },
  );

  it('answers a missing consent_challenge with a 400 page', async () => {
    const response = await request(app.getHttpServer()).get('/consent').expect(400);

    expect(response.text).toContain('The consent_challenge parameter is missing.');
  });
});
