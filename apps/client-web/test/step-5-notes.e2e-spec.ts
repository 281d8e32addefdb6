import type TestAgent from 'supertest/lib/agent';
import { HomeController } from '../src/home/home.controller';
import { page } from './fixtures/browser';
import { ALICE_SUB } from './fixtures/fake-access-token';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/** Step 5 (RFC 6750 §2.1): the notes read and written with the access token, server-side. */
describe(HomeController.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;

  beforeEach(() => {
    browser = world.browser();
  });

  it('step 5: shows the notes resource-api returns for the Bearer token, and the decoded token', async () => {
    const accessToken = await world.connect(browser);
    world.resourceApi.giveNotes(accessToken, [
      { id: 'n1', title: 'Shopping', body: 'Tea & <jam>' },
      { id: 'n2', title: 'Ideas', body: 'Paint the roses red' },
    ]);

    const response = await browser.get('/').expect(200);

    const sut = page(response.text);
    expect(sut.texts('[data-testid=note]')).toHaveLength(2);
    expect(sut.texts('[data-testid=note]')[0]).toMatch(/Shopping\s+Tea & <jam>/);
    expect(world.resourceApi.requests[world.resourceApi.requests.length - 1]).toMatchObject({
      method: 'GET',
      path: '/notes',
      authorization: `Bearer ${accessToken}`,
    });
    expect(JSON.parse(sut.text('[data-testid=access-token-header]'))).toMatchObject({
      typ: 'at+jwt',
      alg: 'RS256',
    });
    expect(JSON.parse(sut.text('[data-testid=access-token-claims]'))).toMatchObject({
      sub: ALICE_SUB,
    });
    expect(sut.text('[data-testid=granted-scope]')).toBe(
      'openid profile offline_access notes:read notes:write',
    );
    expect(response.text).toContain('opaque');
    expect(response.text).not.toContain(accessToken);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('step 5: creates a note through resource-api POST /notes', async () => {
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const csrfToken = page((await browser.get('/').expect(200)).text).csrfToken('/notes');

    await browser
      .post('/notes')
      .type('form')
      .send({ _csrf: csrfToken, title: 'Tea party', body: 'At six' })
      .expect(303)
      .expect('Location', '/');

    const sut = page((await browser.get('/').expect(200)).text);
    expect(sut.text('[data-testid=flash]')).toBe('Note "Tea party" created.');
    expect(sut.texts('[data-testid=note]').join()).toContain('Tea party');
    const created = world.resourceApi.requests.find((r) => r.method === 'POST');
    expect(JSON.parse(created?.body ?? '{}')).toEqual({ title: 'Tea party', body: 'At six' });
  });

  it('step 5: does not send an invalid note to resource-api, and says why', async () => {
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const csrfToken = page((await browser.get('/').expect(200)).text).csrfToken('/notes');
    const before = world.resourceApi.requests.length;

    await browser
      .post('/notes')
      .type('form')
      .send({ _csrf: csrfToken, title: '   ', body: 'text' })
      .expect(303);

    expect(world.resourceApi.requests.length).toBe(before);
    const sut = page((await browser.get('/').expect(200)).text);
    expect(sut.text('[data-testid=flash]')).toBe('A note needs a title.');
  });

  it('refuses Create note without the CSRF token', async () => {
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const before = world.resourceApi.requests.length;

    const response = await browser.post('/notes').type('form').send({ title: 'x' }).expect(403);

    expect(page(response.text).text('[data-testid=error]')).toBe('invalid_csrf_token');
    expect(world.resourceApi.requests.length).toBe(before);
  });

  it('step 5: says the token was rejected and offers Connect again when resource-api answers 401', async () => {
    await world.connect(browser); // the fake resource-api has no notes for this token: 401

    const sut = page((await browser.get('/').expect(200)).text);

    expect(sut.text('[data-testid=token-rejected]')).toContain('rejected the access token');
    expect(sut.has('a[href="/connect"]')).toBe(true);
  });

  it('step 5: says resource-api is unreachable instead of failing', async () => {
    await world.connect(browser);
    world.resourceApi.down = true;
    try {
      const sut = page((await browser.get('/').expect(200)).text);
      expect(sut.text('[data-testid=resource-api-unavailable]')).toContain('could not be reached');
    } finally {
      world.resourceApi.down = false;
    }
  });
});
