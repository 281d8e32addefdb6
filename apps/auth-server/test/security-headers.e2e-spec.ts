import request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';

/**
 * Every answer of the public listener carries helmet's security headers, with auth-server's own
 * choices (app.setup.ts): its pages are never framed (`frame-ancestors 'none'`, `X-Frame-Options:
 * DENY`: no clickjacking of an authorization), and HSTS and `upgrade-insecure-requests` only when
 * the issuer is https. On pages, JSON, errors and unknown paths alike.
 */
describe('auth-server: security headers (helmet)', () => {
  describe('over http (the local demo)', () => {
    let sut: TestAuthServer;

    beforeAll(async () => {
      sut = await startAuthServer();
    });
    afterAll(() => sut.close());

    const answers: [string, () => request.Test][] = [
      ['an error page (unknown client)', () => request(sut.publicServer).get('/authorize')],
      ['JSON (the JWK Set)', () => request(sut.publicServer).get('/.well-known/jwks.json')],
      [
        'a JSON error (POST /token without a grant)',
        () => request(sut.publicServer).post('/token').type('form').send({}),
      ],
      ['an unknown path', () => request(sut.publicServer).get('/no-such-path')],
    ];

    it.each(answers)('%s: never framed, no sniffing, no HSTS', async (_name, send) => {
      const response = await send();
      expect(response.headers['x-frame-options']).toBe('DENY');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('with an https issuer', () => {
    let sut: TestAuthServer;

    beforeAll(async () => {
      sut = await startAuthServer({ ISSUER: 'https://auth.example.test' });
    });
    afterAll(() => sut.close());

    it('adds HSTS and upgrade-insecure-requests', async () => {
      const response = await request(sut.publicServer).get('/.well-known/jwks.json').expect(200);
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(String(response.headers['content-security-policy'])).toContain(
        'upgrade-insecure-requests',
      );
      expect(response.headers['x-frame-options']).toBe('DENY');
    });
  });
});
