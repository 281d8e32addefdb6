import { DataSource } from 'typeorm';
import { StoredSession } from '../src/session/stored-session.entity';
import { TEST_ISSUER } from './fixtures/client-web-app';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/**
 * docs/security-cases.md, case 45: client-web stores a session only for a browser that started an
 * authorization here (GET /connect). A crawler's pages, a bare or forged /callback (with or without
 * a code, an `error=` one) store nothing and set no cookie, however long their values: the
 * sessions table cannot be filled by requests that anyone can send. (What a refused callback shows
 * in the flow view of a browser that did start one is case 51's.)
 */
describe('no session for a browser that started nothing (case 45)', () => {
  const world = ClientWebWithFakes.setUp();

  const storedSessions = () => world.app.get(DataSource).getRepository(StoredSession).count();
  const long = 'x'.repeat(6_000);

  it.each([
    ['the home page', '/'],
    ['the flow view', '/flow'],
    ['the JWT or introspection page', '/jwt-or-introspection'],
    ['a bare callback', '/callback'],
    ['a forged callback with a code', `/callback?code=${long}&state=${long}&iss=${TEST_ISSUER}`],
    [
      'a forged error callback',
      `/callback?error=access_denied&error_description=${long}&state=forged&iss=${TEST_ISSUER}`,
    ],
    ['an unknown path', `/${long}`],
  ])('case 45: %s stores no session and sets no cookie', async (_name, path) => {
    const before = await storedSessions();

    const response = await world.browser().get(path);

    expect(response.status).toBeLessThan(500);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await storedSessions()).toBe(before);
  });

  it('case 45: a browser that starts an authorization gets its session', async () => {
    const before = await storedSessions();

    const response = await world.browser().get('/connect').expect(302);

    expect(response.headers['set-cookie']).toBeDefined();
    expect(await storedSessions()).toBe(before + 1);
  });
});
