import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { accessToken, accessTokenClaims, signRs256 } from './fixtures/access-tokens';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { expectInvalidToken, startResourceApi } from './fixtures/resource-api';
import { createSigningKey, type TestSigningKey } from './fixtures/signing-keys';

/**
 * Cases 37 and 38 seen from resource-api: auth-server rotates its signing key (the new key is in
 * its JWKS before it signs), or stops answering for longer than any cache lifetime.
 */
describe('resource-api: when auth-server rotates its signing key', () => {
  const oldKey = createSigningKey('key-1');
  const newKey = createSigningKey('key-2');
  /** What the fake auth-server publishes; it serves this very array, so tests can rotate it. */
  let published: TestSigningKey[];
  let jwks: FakeAuthServer;
  let app: INestApplication<Server>;

  beforeEach(async () => {
    published = [oldKey];
    jwks = await FakeAuthServer.start(published);
    app = await startResourceApi(jwks.jwksUrl);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await app.close();
    await jwks.stop().catch(() => undefined);
  });

  const getNotes = (token: string) =>
    request(app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);

  it('case 38: after a rotation, the new kid causes one JWKS refetch and both keys verify', async () => {
    await getNotes(accessToken(oldKey)).expect(200);
    expect(jwks.fetchCount).toBe(1);

    published.unshift(newKey);
    await getNotes(accessToken(newKey)).expect(200);
    expect(jwks.fetchCount).toBe(2);

    // Both are now known: no more fetches, old tokens keep working until they expire.
    await getNotes(accessToken(newKey)).expect(200);
    await getNotes(accessToken(oldKey)).expect(200);
    expect(jwks.fetchCount).toBe(2);
  });

  it('case 38: several requests with the new kid at once share a single refetch', async () => {
    await getNotes(accessToken(oldKey)).expect(200);
    published.unshift(newKey);

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => getNotes(accessToken(newKey))),
    );

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(jwks.fetchCount).toBe(2);
  });

  it('case 28: an unknown kid that the refetched set does not have either -> 401, not 500', async () => {
    await getNotes(accessToken(oldKey)).expect(200);
    published.unshift(newKey);
    const forged = signRs256(
      createSigningKey('key-3'),
      { alg: 'RS256', typ: 'at+jwt', kid: 'key-3' },
      accessTokenClaims(),
    );

    expectInvalidToken(await getNotes(forged), /kid names no key/);
    expect(jwks.fetchCount).toBe(2);
  });

  it('case 37: known keys outlive any cache age while auth-server is down', async () => {
    await getNotes(accessToken(oldKey)).expect(200);
    await jwks.stop();

    // Two hours later (the whole clock moves, token claims included), auth-server still down.
    const twoHoursLater = Date.now() + 2 * 60 * 60 * 1000;
    jest.spyOn(Date, 'now').mockReturnValue(twoHoursLater);

    await getNotes(accessToken(oldKey)).expect(200);
    await getNotes(accessToken(oldKey)).expect(200);
    expect(jwks.fetchCount).toBe(1);
  });

  it('case 37: once the cached set is old, it is refreshed and a key auth-server dropped is dropped', async () => {
    published.push(newKey);
    await getNotes(accessToken(newKey)).expect(200);
    published.splice(published.indexOf(newKey), 1);

    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 11 * 60 * 1000);
    // Answered from the cache while the set is refreshed in the background...
    await getNotes(accessToken(oldKey)).expect(200);
    await waitFor(() => jwks.fetchCount === 2);
    // ...which no longer has key-2: its kid is now unknown (the refetch finds it missing too).
    expectInvalidToken(await getNotes(accessToken(newKey)), /kid names no key/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 50 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(condition()).toBe(true);
}
