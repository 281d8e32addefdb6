import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { fetchJwks, verifyAccessToken } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { redeemCode } from './fixtures/token-request';

/** GET /.well-known/jwks.json (RFC 7517 §5): the keys resource-api verifies access tokens with. */
describe('JWKS', () => {
  describe('on a fresh server', () => {
    let sut: TestAuthServer;

    beforeAll(async () => {
      sut = await startAuthServer();
    });
    afterAll(() => sut.close());

    it('publishes one RS256 signing key with kid, alg and use', async () => {
      const response = await request(sut.publicServer)
        .get('/.well-known/jwks.json')
        .expect(200)
        .expect('Content-Type', /application\/json/);
      const jwks = response.body as { keys: Record<string, unknown>[] };

      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toEqual({
        kty: 'RSA',
        n: expect.stringMatching(/^[A-Za-z0-9_-]{300,}$/) as unknown,
        e: 'AQAB',
        kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown,
        alg: 'RS256',
        use: 'sig',
      });
    });

    it('contains public members only, never a private one', async () => {
      const jwks = await fetchJwks(sut);
      for (const key of jwks.keys) {
        for (const privateMember of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
          expect(key).not.toHaveProperty(privateMember);
        }
      }
    });
  });

  describe('case 38: keys survive restarts', () => {
    let directory: string;

    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'auth-server-keys-'));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('case 38: a restart on the same database file reuses the key, and old tokens still verify', async () => {
      const env = { DATABASE_PATH: join(directory, 'auth-server.sqlite') };

      const first = await startAuthServer(env);
      const firstJwks = await fetchJwks(first);
      const issued = await authorizeAndGetCode(first);
      const token = ((await redeemCode(first, issued).expect(200)).body as { access_token: string })
        .access_token;
      await first.close();

      const second = await startAuthServer(env);
      try {
        const secondJwks = await fetchJwks(second);
        expect(secondJwks.keys.map((k) => k.kid)).toEqual(firstJwks.keys.map((k) => k.kid));
        const verified = verifyAccessToken(token, secondJwks);
        expect(verified.header['kid']).toBe(firstJwks.keys[0].kid);
      } finally {
        await second.close();
      }
    });

    it('a server on another database has another key, and the token does not verify there', async () => {
      const first = await startAuthServer({ DATABASE_PATH: join(directory, 'one.sqlite') });
      const other = await startAuthServer({ DATABASE_PATH: join(directory, 'other.sqlite') });
      try {
        const issued = await authorizeAndGetCode(first);
        const token = (
          (await redeemCode(first, issued).expect(200)).body as { access_token: string }
        ).access_token;
        const otherJwks = await fetchJwks(other);
        expect(otherJwks.keys[0].kid).not.toBe((await fetchJwks(first)).keys[0].kid);
        expect(() => verifyAccessToken(token, otherJwks)).toThrow('no key in the JWKS has kid');
        const impostor = {
          keys: [{ ...otherJwks.keys[0], kid: (await fetchJwks(first)).keys[0].kid }],
        };
        expect(() => verifyAccessToken(token, impostor)).toThrow('the signature does not verify');
      } finally {
        await first.close();
        await other.close();
      }
    });
  });
});
