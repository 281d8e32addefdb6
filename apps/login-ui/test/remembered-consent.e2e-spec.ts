import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { ConsentService } from '../src/consent/consent.service';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

/** "Remember this decision" on the consent page, and consent requests auth-server marks `skip`. */
describe(ConsentService.name, () => {
  const requestedScope = ['openid', 'notes:read'];
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

  const acceptCall = (challenge: string) =>
    adminApi
      .decisions()
      .find((call) => call.path === `/admin/consent-requests/${challenge}/accept`);

  async function openConsentPage(challenge: string) {
    adminApi.addConsentRequest(challenge, ALICE.id, requestedScope);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/consent').query({ consent_challenge: challenge }).expect(200);
    return { browser, page, csrf: hiddenField(page.text, '_csrf') };
  }

  it('the consent page has a "Remember this decision" checkbox, unticked', async () => {
    const { page } = await openConsentPage('remember-show');
    const checkbox = cheerio.load(page.text)('form input[type=checkbox][name=remember]');

    expect(checkbox.attr('value')).toBe('yes');
    expect(checkbox.attr('checked')).toBeUndefined();
    expect(checkbox.parent().text()).toContain('Remember this decision');
  });

  it('allow with the box ticked -> accept with remember: true', async () => {
    const { browser, csrf } = await openConsentPage('remember-yes');

    await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: 'remember-yes', _csrf: csrf, decision: 'allow', remember: 'yes' })
      .expect(303);

    expect(acceptCall('remember-yes')?.body).toEqual({
      grant_scope: requestedScope,
      remember: true,
    });
  });

  it('allow without the box -> remember: false', async () => {
    const { browser, csrf } = await openConsentPage('remember-no');

    await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: 'remember-no', _csrf: csrf, decision: 'allow' })
      .expect(303);

    expect(acceptCall('remember-no')?.body).toEqual({
      grant_scope: requestedScope,
      remember: false,
    });
  });

  it('a repeated remember field -> 400 page, nothing decided', async () => {
    const { browser, csrf } = await openConsentPage('remember-twice');

    await browser
      .post('/consent')
      .type('form')
      .send(
        `consent_challenge=remember-twice&_csrf=${csrf}&decision=allow&remember=yes&remember=no`,
      )
      .expect(400);

    expect(acceptCall('remember-twice')).toBeUndefined();
  });

  it('skip: true -> no page: accepted at once with the requested scopes (remembered), 303', async () => {
    adminApi.addConsentRequest('remember-skip', ALICE.id, requestedScope, true);

    const response = await request(app.getHttpServer())
      .get('/consent')
      .query({ consent_challenge: 'remember-skip' });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(
      'http://localhost:3000/authorize/continue?consent_verifier=v-remember-skip&accept=1',
    );
    expect(response.text).not.toContain('<form');
    expect(acceptCall('remember-skip')?.body).toEqual({
      grant_scope: requestedScope,
      remember: true,
    });
  });
});
