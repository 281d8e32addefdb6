import { Logger } from '@nestjs/common';
import { PeriodicPurge } from '@oauth-flow-lab/database';
import { In } from 'typeorm';
import { nowInSeconds, sha256Digest } from '../src/common/random';
import {
  loadAuthServerConfig,
  MAX_SIGNED_TOKEN_TTL_SECONDS,
} from '../src/config/auth-server.config';
import { AuthorizationRequestEntity } from '../src/interaction/authorization-request.entity';
import { EXPIRED_AUTHORIZATION_REQUEST_RETENTION_SECONDS } from '../src/interaction/purge-authorization-requests';
import { AuthorizationCodeEntity } from '../src/tokens/authorization-code.entity';
import { EXPIRED_CODE_RETENTION_SECONDS } from '../src/tokens/purge-authorization-codes';
import { EXPIRED_REFRESH_TOKEN_RETENTION_SECONDS } from '../src/tokens/purge-refresh-tokens';
import { RefreshTokenEntity } from '../src/tokens/refresh-token.entity';
import { RevokedAccessTokenEntity } from '../src/tokens/revoked-access-token.entity';
import { RevokedGrantEntity } from '../src/tokens/revoked-grant.entity';
import { adminGet, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode, type IssuedCode } from './fixtures/authorization-flow';
import { authorizeStep } from './fixtures/authorization-steps';
import { expectJsonError } from './fixtures/expectations';
import { expireCode, expireInteraction } from './fixtures/expire';
import {
  isRefreshTokenRevoked,
  refresh,
  refreshTokenRecord,
  tokensWithRefresh,
  withRefreshToken,
} from './fixtures/refresh-tokens';
import { redeemCode } from './fixtures/token-request';

/**
 * docs/security-cases.md, case 44, auth-server's part: what expires is deleted by auth-server itself
 * (database/purges.ts, run by libs/database's PeriodicPurge every PURGE_INTERVAL_SECONDS), each kind
 * after its retention, and never what a protocol check still needs: a pending request, an unexpired
 * code, a redeemed code or a refresh-token family whose replay must still revoke its grant.
 * The tables are filled through the protocol (GET /authorize, the admin API, /token) and their
 * times moved into the past through the repositories, instead of waiting.
 */
describe('case 44: auth-server deletes what has expired', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    // Purged only when a test says so; the timer has a test of its own.
    sut = await startAuthServer({ PURGE_INTERVAL_SECONDS: '0' });
  });
  afterAll(() => sut.close());

  const purge = () => sut.publicApp.get(PeriodicPurge).runOnce();
  const requests = () => sut.dataSource.getRepository(AuthorizationRequestEntity);
  const codes = () => sut.dataSource.getRepository(AuthorizationCodeEntity);
  const refreshTokens = () => sut.dataSource.getRepository(RefreshTokenEntity);
  const codeRow = (issued: IssuedCode) =>
    codes().findOneBy({ codeDigest: sha256Digest(issued.code) });

  it('case 44: authorization requests go an hour after their expiry, whatever their phase; pending and recently expired ones stay', async () => {
    const longAgo = nowInSeconds() - EXPIRED_AUTHORIZATION_REQUEST_RETENTION_SECONDS - 1;
    await authorizeStep(sut, { state: 'purge-pending' });
    await authorizeStep(sut, { state: 'purge-expired-pending' });
    await authorizeAndGetCode(sut, { state: 'purge-expired-done' });
    const recentlyExpired = await authorizeStep(sut, { state: 'purge-recently-expired' });
    await requests().update(
      { state: In(['purge-expired-pending', 'purge-expired-done']) },
      { expiresAt: longAgo },
    );
    await expireInteraction(sut, recentlyExpired.loginChallenge);
    expect((await requests().findOneByOrFail({ state: 'purge-expired-done' })).phase).toBe('done');

    await purge();

    const left = await requests().findBy({
      state: In([
        'purge-pending',
        'purge-expired-pending',
        'purge-expired-done',
        'purge-recently-expired',
      ]),
    });
    expect(left.map((row) => row.state).sort()).toEqual([
      'purge-pending',
      'purge-recently-expired',
    ]);
    // Why the hour: login-ui is still told that the challenge expired, not that it is unknown.
    expectJsonError(
      await adminGet(sut, loginRequestPath(recentlyExpired.loginChallenge)),
      410,
      'expired',
    );
  });

  it('case 44: codes go an hour after their expiry; a redeemed one stays while a token it issued may live, so a replay still revokes them', async () => {
    const now = nowInSeconds();
    const expiredLongAgo = now - EXPIRED_CODE_RETENTION_SECONDS - 1;
    const redeemedLongAgo = now - MAX_SIGNED_TOKEN_TTL_SECONDS - 1;
    const live = await authorizeAndGetCode(sut);
    const recentlyExpired = await authorizeAndGetCode(sut);
    await expireCode(sut, recentlyExpired.code);
    const unredeemed = await authorizeAndGetCode(sut);
    await codes().update(
      { codeDigest: sha256Digest(unredeemed.code) },
      { expiresAt: expiredLongAgo },
    );
    // Redeemed over a day ago, no refresh token: its access token has expired, nothing to revoke.
    const redeemedDone = await authorizeAndGetCode(sut);
    await redeemCode(sut, redeemedDone).expect(200);
    await codes().update(
      { codeDigest: sha256Digest(redeemedDone.code) },
      { expiresAt: expiredLongAgo, consumedAt: redeemedLongAgo },
    );
    // Redeemed over a day ago, and its refresh-token family is still stored.
    const redeemedWithFamily = await authorizeAndGetCode(sut, {
      scope: 'openid offline_access notes:read',
    });
    const familyTokens = withRefreshToken(await redeemCode(sut, redeemedWithFamily));
    await codes().update(
      { codeDigest: sha256Digest(redeemedWithFamily.code) },
      { expiresAt: expiredLongAgo, consumedAt: redeemedLongAgo },
    );
    // Redeemed just now, expired long ago: the access token it issued still lives.
    const redeemedRecently = await authorizeAndGetCode(sut);
    await redeemCode(sut, redeemedRecently).expect(200);
    await codes().update(
      { codeDigest: sha256Digest(redeemedRecently.code) },
      { expiresAt: expiredLongAgo },
    );

    await purge();

    expect({
      live: await codeRow(live),
      recentlyExpired: await codeRow(recentlyExpired),
      unredeemed: await codeRow(unredeemed),
      redeemedDone: await codeRow(redeemedDone),
      redeemedWithFamily: await codeRow(redeemedWithFamily),
      redeemedRecently: await codeRow(redeemedRecently),
    }).toEqual({
      live: expect.any(AuthorizationCodeEntity) as unknown,
      recentlyExpired: expect.any(AuthorizationCodeEntity) as unknown,
      unredeemed: null,
      redeemedDone: null,
      redeemedWithFamily: expect.any(AuthorizationCodeEntity) as unknown,
      redeemedRecently: expect.any(AuthorizationCodeEntity) as unknown,
    });
    // RFC 6749 §4.1.2 after the purge: the replay of the kept code revokes its family.
    expectJsonError(await redeemCode(sut, redeemedWithFamily), 400, 'invalid_grant');
    expect(await isRefreshTokenRevoked(sut, familyTokens.refresh_token)).toBe(true);
    // The live code still redeems.
    await redeemCode(sut, live).expect(200);
  });

  it('case 44: refresh tokens go by family, a day after its expiry; a live family stays whole, and reuse of its rotated-out token is still caught', async () => {
    const now = nowInSeconds();
    const live = await tokensWithRefresh(sut);
    const liveNext = withRefreshToken(await refresh(sut, live.refresh_token));
    const expired = await tokensWithRefresh(sut);
    withRefreshToken(await refresh(sut, expired.refresh_token));
    const recentlyExpired = await tokensWithRefresh(sut);
    const liveFamily = (await refreshTokenRecord(sut, live.refresh_token)).familyId;
    const expiredFamily = (await refreshTokenRecord(sut, expired.refresh_token)).familyId;
    const recentFamily = (await refreshTokenRecord(sut, recentlyExpired.refresh_token)).familyId;
    await refreshTokens().update(
      { familyId: expiredFamily },
      { expiresAt: now - EXPIRED_REFRESH_TOKEN_RETENTION_SECONDS - 1 },
    );
    // Its code, redeemed when the family started, over a day ago.
    await codes().update(
      { codeDigest: expiredFamily },
      {
        expiresAt: now - EXPIRED_CODE_RETENTION_SECONDS - 1,
        consumedAt: now - MAX_SIGNED_TOKEN_TTL_SECONDS - 1,
      },
    );
    await refreshTokens().update({ familyId: recentFamily }, { expiresAt: now - 1 });

    await purge();

    const rowsOf = (familyId: string) => refreshTokens().countBy({ familyId });
    expect({
      live: await rowsOf(liveFamily),
      expired: await rowsOf(expiredFamily),
      recentlyExpired: await rowsOf(recentFamily),
      expiredCode: await codes().countBy({ codeDigest: expiredFamily }),
    }).toEqual({ live: 2, expired: 0, recentlyExpired: 1, expiredCode: 0 });
    // RFC 9700 §4.14.2 after the purge: the rotated-out token is reuse, and the family is revoked.
    expectJsonError(await refresh(sut, live.refresh_token), 400, 'invalid_grant');
    expect(await isRefreshTokenRevoked(sut, liveNext.refresh_token)).toBe(true);
  });

  it('case 44: access-token revocations go once the tokens they name have expired (the purge on write, run by the timer too)', async () => {
    const now = nowInSeconds();
    await sut.dataSource.getRepository(RevokedAccessTokenEntity).insert([
      { jti: 'purge-expired-jti', expiresAt: now - 1 },
      { jti: 'purge-live-jti', expiresAt: now + 600 },
    ]);
    await sut.dataSource.getRepository(RevokedGrantEntity).insert([
      { grantId: 'purge-expired-grant', revokedAt: now - 90_000, expiresAt: now - 1 },
      { grantId: 'purge-live-grant', revokedAt: now, expiresAt: now + 86_400 },
    ]);

    expect(await purge()).toMatchObject({ 'expired access-token revocations': 2 });

    const jtis = await sut.dataSource.getRepository(RevokedAccessTokenEntity).find();
    const grants = await sut.dataSource.getRepository(RevokedGrantEntity).find();
    expect(jtis.map((row) => row.jti).filter((jti) => jti.startsWith('purge-'))).toEqual([
      'purge-live-jti',
    ]);
    expect(grants.map((row) => row.grantId).filter((id) => id.startsWith('purge-'))).toEqual([
      'purge-live-grant',
    ]);
  });

  it('case 44: PURGE_INTERVAL_SECONDS: every 5 minutes by default, 0 times none, anything else refused', () => {
    expect(sut.publicApp.get(PeriodicPurge).isScheduled).toBe(false);
    expect(loadAuthServerConfig({}).purgeIntervalSeconds).toBe(300);
    expect(() => loadAuthServerConfig({ PURGE_INTERVAL_SECONDS: '-1' })).toThrow(
      /PURGE_INTERVAL_SECONDS/,
    );
  });
});

describe('case 44: auth-server purges by itself, and stops with it', () => {
  it('case 44: with PURGE_INTERVAL_SECONDS=1 the timer empties the tables without being asked', async () => {
    const sut = await startAuthServer({ PURGE_INTERVAL_SECONDS: '1' });
    try {
      expect(sut.publicApp.get(PeriodicPurge).isScheduled).toBe(true);
      const started = await authorizeStep(sut, { state: 'purge-by-timer' });
      await sut.dataSource
        .getRepository(AuthorizationRequestEntity)
        .update(
          { state: 'purge-by-timer' },
          { expiresAt: nowInSeconds() - EXPIRED_AUTHORIZATION_REQUEST_RETENTION_SECONDS - 1 },
        );
      await sut.dataSource
        .getRepository(RevokedAccessTokenEntity)
        .insert({ jti: 'purge-by-timer', expiresAt: nowInSeconds() - 1 });

      await eventually(async () => {
        const requestsLeft = await sut.dataSource
          .getRepository(AuthorizationRequestEntity)
          .countBy({ loginChallengeDigest: sha256Digest(started.loginChallenge) });
        const revocationsLeft = await sut.dataSource
          .getRepository(RevokedAccessTokenEntity)
          .countBy({ jti: 'purge-by-timer' });
        return requestsLeft + revocationsLeft === 0;
      });
    } finally {
      await sut.close();
    }
  });

  it('case 44: closing auth-server during a purge: it finishes or stops, nothing fails, and no purge runs after', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const sut = await startAuthServer({ PURGE_INTERVAL_SECONDS: '0' });
      const periodicPurge = sut.publicApp.get(PeriodicPurge);
      await sut.dataSource
        .getRepository(RevokedAccessTokenEntity)
        .insert({ jti: 'purge-at-close', expiresAt: nowInSeconds() - 1 });

      const running = periodicPurge.runOnce();
      await sut.close();

      await expect(running).resolves.toBeInstanceOf(Object);
      await expect(periodicPurge.runOnce()).resolves.toEqual({});
      expect(warn.mock.calls.flat().join('\n')).not.toMatch(/not purged/);
    } finally {
      warn.mockRestore();
    }
  });
});

/**
 * Waits for what the timer does: checks `done` again until it holds, a bounded number of times,
 * and fails if it never does.
 */
async function eventually(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (await done()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the purge never ran');
}
