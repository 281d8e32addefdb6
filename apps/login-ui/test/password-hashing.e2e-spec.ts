import type { Server } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { Repository } from 'typeorm';
import { UsersSeeder } from '../src/seeds/users.seeder';
import { costOf } from '../src/users/password-hasher';
import { User } from '../src/users/user.entity';
import { FakeAdminApi } from './fixtures/fake-admin-api';
import { hashAtOldCost, watchScryptCalls } from './fixtures/password-hashes';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

const BOB = { username: 'bob', password: 'builder' };
const CURRENT_COST = { N: 2 ** 17, r: 8, p: 1 };
const OLD_COST = { N: 2 ** 14, r: 8, p: 1 };

/**
 * docs/security-cases.md, case 56: the password hashes of login-ui through its login form, at
 * OWASP's minimum cost, upgraded at sign-in, and at most PASSWORD_HASH_CONCURRENCY at once.
 */
describe('password hashing', () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server>;
  let users: Repository<User>;
  let attempt = 0;

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    app = await createTestApp(await adminApi.start(), { PASSWORD_HASH_CONCURRENCY: '2' });
    users = app.get<Repository<User>>(getRepositoryToken(User));
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  afterEach(() => jest.restoreAllMocks());

  /** The login form of a new login request in a fresh browser, submitted. */
  async function signIn(username: string, password: string) {
    const challenge = `hashing-${(attempt += 1)}`;
    adminApi.addLoginRequest(challenge);
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    return browser
      .post('/login')
      .type('form')
      .send({
        login_challenge: challenge,
        _csrf: hiddenField(page.text, '_csrf'),
        username,
        password,
      });
  }

  async function storedHashOf(username: string): Promise<string> {
    return (await users.findOneByOrFail({ username })).passwordHash;
  }

  it('case 56: the seeded users are hashed at N=2^17, r=8, p=1; a second seed run changes no password', async () => {
    expect(costOf(await storedHashOf(ALICE.username))).toEqual(CURRENT_COST);
    const old = hashAtOldCost(BOB.password);
    await users.update({ username: BOB.username }, { passwordHash: old });

    await app.get(UsersSeeder).onApplicationBootstrap();

    expect(await storedHashOf(BOB.username)).toBe(old);
  });

  it('case 56: a user with an N=2^14 hash signs in, then has an N=2^17 hash, and signs in again with the same password', async () => {
    const old = hashAtOldCost(BOB.password);
    await users.update({ username: BOB.username }, { passwordHash: old });

    expect((await signIn(BOB.username, 'not-his-password')).status).toBe(401);
    expect(await storedHashOf(BOB.username)).toBe(old); // no upgrade without the right password
    expect((await signIn(BOB.username, BOB.password)).status).toBe(303);

    const upgraded = await storedHashOf(BOB.username);
    expect(costOf(upgraded)).toEqual(CURRENT_COST);
    expect((await signIn(BOB.username, BOB.password)).status).toBe(303);
    expect(await storedHashOf(BOB.username)).toBe(upgraded); // hashed again only once
  });

  it('case 56: when the upgrade cannot be stored, the sign-in still succeeds and the failure is logged', async () => {
    await users.update({ username: BOB.username }, { passwordHash: hashAtOldCost(BOB.password) });
    jest.spyOn(users, 'update').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    expect((await signIn(BOB.username, BOB.password)).status).toBe(303);

    expect(costOf(await storedHashOf(BOB.username))).toEqual(OLD_COST);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not upgraded: SQLITE_BUSY'));
    expect(JSON.stringify(warn.mock.calls)).not.toContain(BOB.password);
    jest.restoreAllMocks();
    expect((await signIn(BOB.username, BOB.password)).status).toBe(303); // the next one upgrades
    expect(costOf(await storedHashOf(BOB.username))).toEqual(CURRENT_COST);
  });

  it('case 56: a burst of 5 sign-ins with distinct usernames runs at most PASSWORD_HASH_CONCURRENCY (2) scrypt calls at once', async () => {
    const usernames = ['alice', 'bob', 'nobody-1', 'nobody-2', 'nobody-3'];
    const scrypt = watchScryptCalls();
    let statuses: number[];
    try {
      statuses = (await Promise.all(usernames.map((name) => signIn(name, 'a-guess')))).map(
        (response) => response.status,
      );
    } finally {
      scrypt.restore();
    }

    expect(statuses).toEqual(usernames.map(() => 401));
    expect(scrypt.counts.calls).toBeGreaterThanOrEqual(usernames.length);
    expect(scrypt.counts.maxInFlight).toBe(2);
  });
});
