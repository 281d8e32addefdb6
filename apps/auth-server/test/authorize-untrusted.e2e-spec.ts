import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { getAuthorize } from './fixtures/authorization-steps';
import { expectErrorPage } from './fixtures/expectations';

/**
 * GET /authorize before the client and its redirect_uri are verified (RFC 6749 §4.1.2.1): every failure
 * is an HTML page, never a redirect, or auth-server would be an open redirector.
 */
describe('GET /authorize with an untrusted client or redirect_uri', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  /** A page, no Location, and no browser-binding cookie: nothing was started. */
  function expectRefused(response: Awaited<ReturnType<typeof getAuthorize>>): void {
    expectErrorPage(response, 400);
    expect(response.headers['set-cookie']).toBeUndefined();
  }

  describe('case 1: unknown or missing client_id -> 400 HTML page, no redirect', () => {
    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['unknown', 'client-unknown'],
      ['differing in case', 'Client-Web'],
    ])('case 1: client_id %s', async (_label, clientId) => {
      expectRefused(await getAuthorize(sut, { client_id: clientId }));
    });
  });

  describe('case 2: unregistered redirect_uri -> 400 page, no redirect, near misses included', () => {
    it.each([
      ['missing', undefined],
      ['another site', 'https://evil.example/callback'],
      ['trailing slash', 'http://localhost:3002/callback/'],
      ['added query', 'http://localhost:3002/callback?next=/admin'],
      ['empty query', 'http://localhost:3002/callback?'],
      ['other path', 'http://localhost:3002/callbacks'],
      ['parent path', 'http://localhost:3002/'],
      ['upper-case host', 'http://LOCALHOST:3002/callback'],
      ['upper-case scheme', 'HTTP://localhost:3002/callback'],
      ['https instead of http', 'https://localhost:3002/callback'],
      ['port written with a leading zero', 'http://localhost:03002/callback'],
      ['other port', 'http://localhost:3003/callback'],
      ['no port', 'http://localhost/callback'],
      ['127.0.0.1 for localhost', 'http://127.0.0.1:3002/callback'],
      ['.. segment', 'http://localhost:3002/callback/../callback'],
      ['.. segment escaping', 'http://localhost:3002/x/../callback'],
      ['fragment', 'http://localhost:3002/callback#fragment'],
      ['encoded slash in the path', 'http://localhost:3002/callback%2F'],
      ['encoded slash before the path', 'http://localhost:3002%2Fcallback'],
      ['percent-encoded letter', 'http://localhost:3002/%63allback'],
      ['userinfo with the registered origin', 'http://localhost:3002@evil.example/callback'],
      ['userinfo before the registered host', 'http://user@localhost:3002/callback'],
      ['longer port', 'http://localhost:30021/callback'],
      ['longer host', 'http://localhost:3002.evil.example/callback'],
      ['relative', '/callback'],
    ])('case 2: redirect_uri %s', async (_label, redirectUri) => {
      expectRefused(await getAuthorize(sut, { redirect_uri: redirectUri }));
    });

    it('case 2: the page does not link to the refused redirect_uri', async () => {
      const response = await getAuthorize(sut, { redirect_uri: 'https://evil.example/callback' });
      expectRefused(response);
      expect(response.text).not.toContain('evil.example');
    });
  });

  describe('case 5: client_id or redirect_uri sent twice -> 400 page', () => {
    it('case 5: client_id twice, even with the same value', async () => {
      expectRefused(await getAuthorize(sut, {}, '&client_id=client-web'));
    });

    it('case 5: redirect_uri twice, even with the same value', async () => {
      const again = encodeURIComponent(`${sut.config.seed.clientWebUrl}/callback`);
      expectRefused(await getAuthorize(sut, {}, `&redirect_uri=${again}`));
    });
  });

  describe('case 13: injection-shaped client_id -> an ordinary unknown client', () => {
    it.each([
      "' OR '1'='1",
      "client-web' --",
      '$gt',
      '{"$gt":""}',
      '../client-web',
      '../../etc/passwd',
      '%',
      'client-web\u0000',
    ])('case 13: client_id %s', async (clientId) => {
      expectRefused(await getAuthorize(sut, { client_id: clientId }));
    });

    it('case 13: client_id shaped like an object (client_id[$gt]) is a missing client_id', async () => {
      expectRefused(await getAuthorize(sut, { client_id: undefined }, '&client_id[$gt]=a'));
    });

    it('case 13: the client_id is escaped in the page', async () => {
      const response = await getAuthorize(sut, { client_id: '<script>alert(1)</script>' });
      expectRefused(response);
      expect(response.text).not.toContain('<script>alert(1)');
      expect(response.text).toContain('&lt;script&gt;');
    });
  });
});
