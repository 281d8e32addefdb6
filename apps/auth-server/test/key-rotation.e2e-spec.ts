import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteOptions } from '@oauth-flow-lab/database';
import { DataSource } from 'typeorm';
import { MAX_SIGNED_TOKEN_TTL_SECONDS } from '../src/config/auth-server.config';
import { MIGRATIONS } from '../src/database/database';
import { SigningKeyRotation1764000200000 } from '../src/database/migrations/1764000200000-signing-key-rotation';
import { generateSigningKey } from '../src/keys/generate-signing-key';
import { SigningKeyEntity } from '../src/keys/signing-key.entity';
import { ACTIVE_KEY_RELOAD_SECONDS, RETIREMENT_MARGIN_SECONDS } from '../src/keys/key-lifetime';
import { rotateKeys } from '../src/keys/rotate-keys.command';
import { SigningKeysService } from '../src/keys/signing-keys.service';
import { fetchJwks, verifyAccessToken } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { redeemCode } from './fixtures/token-request';

/** A fresh access token from the whole flow (steps 1-4). */
async function issueToken(sut: TestAuthServer): Promise<string> {
  const issued = await authorizeAndGetCode(sut);
  return ((await redeemCode(sut, issued).expect(200)).body as { access_token: string })
    .access_token;
}

function kidOf(token: string): unknown {
  const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as {
    kid?: unknown;
  };
  return header.kid;
}

const publishedKids = async (sut: TestAuthServer) => (await fetchJwks(sut)).keys.map((k) => k.kid);
const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** Signing-key rotation (case 38; the OpenID conformance suite's OIDCCServerRotateKeys). */
describe('signing-key rotation', () => {
  describe('on one server', () => {
    let sut: TestAuthServer;
    let keys: SigningKeysService;

    beforeEach(async () => {
      sut = await startAuthServer();
      keys = sut.publicApp.get(SigningKeysService);
    });
    afterEach(() => sut.close());

    const moveKeyTimes = (kid: string, times: Partial<SigningKeyEntity>) =>
      sut.dataSource.getRepository(SigningKeyEntity).update({ kid }, times);

    it('case 38: a token signed before the rotation still verifies against the JWKS after it', async () => {
      const before = await issueToken(sut);
      const oldKid = kidOf(before);

      const newKey = await keys.rotate();

      const jwks = await fetchJwks(sut);
      expect(jwks.keys.map((k) => k.kid)).toEqual([newKey.kid, oldKid]);
      expect(verifyAccessToken(before, jwks).header['kid']).toBe(oldKid);
    });

    it('case 38: a token signed after the rotation carries the new kid and verifies', async () => {
      const oldKid = kidOf(await issueToken(sut));

      const newKey = await keys.rotate();
      const after = await issueToken(sut);

      expect(newKey.kid).not.toBe(oldKid);
      expect(kidOf(after)).toBe(newKey.kid);
      expect(verifyAccessToken(after, await fetchJwks(sut)).payload['sub']).toBeDefined();
    });

    it('case 38: a pre-published key is in the JWKS before it signs, and signs from its activation', async () => {
      const oldKid = kidOf(await issueToken(sut));

      const next = await keys.rotate({ activateInSeconds: 300 });

      expect(await publishedKids(sut)).toEqual([next.kid, oldKid]);
      expect(kidOf(await issueToken(sut))).toBe(oldKid);
      // Time passes: the activation second arrives.
      const activation = nowInSeconds() - 1;
      await moveKeyTimes(next.kid, { activatedAt: activation });
      await moveKeyTimes(String(oldKid), { retiredAt: activation });
      await keys.reloadSigningKeys();
      expect(kidOf(await issueToken(sut))).toBe(next.kid);
    });

    it('case 38: the old key leaves the JWKS only once every token it signed has expired', async () => {
      const oldKid = String(kidOf(await issueToken(sut)));
      const newKey = await keys.rotate();
      const lifetime = MAX_SIGNED_TOKEN_TTL_SECONDS + RETIREMENT_MARGIN_SECONDS;

      // Retired longer ago than today's access-token TTL and its margin: a token it signed when the
      // TTL was higher (up to the bound) may still be valid, so it is still published.
      await moveKeyTimes(oldKid, {
        retiredAt:
          nowInSeconds() - sut.config.accessToken.ttlSeconds - RETIREMENT_MARGIN_SECONDS - 1,
      });
      expect(await publishedKids(sut)).toEqual([newKey.kid, oldKid]);
      await moveKeyTimes(oldKid, { retiredAt: nowInSeconds() - lifetime + 2 });
      expect(await publishedKids(sut)).toEqual([newKey.kid, oldKid]);

      // Every token it signed has expired (with the margin): gone from the JWKS.
      await moveKeyTimes(oldKid, { retiredAt: nowInSeconds() - lifetime - 1 });
      expect(await publishedKids(sut)).toEqual([newKey.kid]);

      // The next rotation deletes it, private half included.
      const third = await keys.rotate();
      const stored = await sut.dataSource.getRepository(SigningKeyEntity).find();
      expect(stored.map((k) => k.kid).sort()).toEqual([newKey.kid, third.kid].sort());
    });

    it('case 38: two rotations in a row leave exactly one active key and publish all three', async () => {
      const first = String(kidOf(await issueToken(sut)));
      const second = await keys.rotate();
      const third = await keys.rotate();

      expect(kidOf(await issueToken(sut))).toBe(third.kid);
      expect((await publishedKids(sut)).sort()).toEqual([first, second.kid, third.kid].sort());
      const active = (await sut.dataSource.getRepository(SigningKeyEntity).find()).filter(
        (key) => key.retiredAt === null,
      );
      expect(active.map((key) => key.kid)).toEqual([third.kid]);
    });
  });

  describe('case 38: the rotate command on the database file of a running server', () => {
    let directory: string;

    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'auth-server-rotation-'));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('case 38: publishes the key at once, signs with it without a restart, and a restart keeps it', async () => {
      const env = { DATABASE_PATH: join(directory, 'auth-server.sqlite') };
      const running = await startAuthServer(env);
      const before = await issueToken(running);
      const oldKid = kidOf(before);
      const print = jest.spyOn(console, 'log').mockImplementation(() => undefined);

      let newKid: string;
      try {
        newKid = (await rotateKeys([], env)).kid;
        // Published before the running server signs anything with it (publish before sign).
        expect(await publishedKids(running)).toEqual([newKid, oldKid]);
        expect(print).toHaveBeenCalledWith(expect.stringContaining(newKid));
        // The running server re-reads the active key every few seconds, on its own.
        await new Promise((resolve) => setTimeout(resolve, ACTIVE_KEY_RELOAD_SECONDS * 1000 + 500));
        expect(kidOf(await issueToken(running))).toBe(newKid);
      } finally {
        print.mockRestore();
        await running.close();
      }

      const restarted = await startAuthServer(env);
      try {
        const jwks = await fetchJwks(restarted);
        expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
        expect(verifyAccessToken(before, jwks).header['kid']).toBe(oldKid);
        expect(kidOf(await issueToken(restarted))).toBe(newKid);
      } finally {
        await restarted.close();
      }
    }, 20_000);

    it('case 38: keys created before the rotation migration keep signing and stay published', async () => {
      const databasePath = join(directory, 'before-rotation.sqlite');
      const older = new DataSource(
        sqliteOptions({
          database: databasePath,
          entities: [],
          migrations: MIGRATIONS.filter((m) => m !== SigningKeyRotation1764000200000),
        }),
      );
      await older.initialize();
      const [first, second] = [generateSigningKey(), generateSigningKey()];
      for (const [key, createdAt] of [
        [first, 1000],
        [second, 2000],
      ] as const) {
        await older.query(
          'INSERT INTO signing_keys (kid, alg, private_key_pem, public_jwk, created_at) VALUES (?, ?, ?, ?, ?)',
          [key.kid, key.alg, key.privateKeyPem, JSON.stringify(key.publicJwk), createdAt],
        );
      }
      await older.destroy();

      const sut = await startAuthServer({ DATABASE_PATH: databasePath });
      try {
        expect(kidOf(await issueToken(sut))).toBe(second.kid);
        // The older key was retired when the newer was created, long ago: its tokens have expired.
        expect(await publishedKids(sut)).toEqual([second.kid]);
      } finally {
        await sut.close();
      }
    });

    it('refuses an --activate-in that is not a number of seconds', async () => {
      await expect(
        rotateKeys(['--activate-in=soon'], { DATABASE_PATH: join(directory, 'other.sqlite') }),
      ).rejects.toThrow('--activate-in must be a number of seconds, got "soon"');
    });
  });
});
