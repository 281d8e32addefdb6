import session, { type SessionData } from 'express-session';
import { DataSource, type Repository } from 'typeorm';
import { databaseOptions } from '../database/database';
import { StoredSession, sessionIdDigest } from './stored-session.entity';
import { TypeOrmSessionStore } from './typeorm-session.store';

const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
const nowInSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A session as express-session hands it to the store: data beside its Cookie (a browser-session
 * cookie, as client-web sets it, unless `maxAge` is given).
 */
function sessionWith(data: Partial<SessionData>, maxAge?: number): SessionData {
  const cookie = new session.Cookie();
  if (maxAge !== undefined) {
    cookie.maxAge = maxAge; // its setter sets `expires`, as express-session does
  }
  return { ...data, cookie } as SessionData;
}

/** The store's callback API as promises; each callback must come exactly once. */
function call<T>(
  run: (callback: (error: unknown, value?: T) => void) => void,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let calls = 0;
    run((error, value) => {
      calls += 1;
      if (calls > 1) {
        reject(new Error('callback called twice'));
      } else if (error) {
        reject(error instanceof Error ? error : new Error('not an Error', { cause: error }));
      } else {
        // Let a second call show up before resolving.
        setImmediate(() => resolve(value));
      }
    });
  });
}

/**
 * express-session's store API on client-web's sqlite database (docs/security-cases.md, case 40).
 */
describe(TypeOrmSessionStore.name, () => {
  let dataSource: DataSource;
  let rows: Repository<StoredSession>;
  let sut: TypeOrmSessionStore;

  beforeEach(async () => {
    dataSource = new DataSource(databaseOptions({ url: undefined, sqlitePath: ':memory:' }));
    await dataSource.initialize();
    rows = dataSource.getRepository(StoredSession);
    sut = new TypeOrmSessionStore(rows, { idleTimeoutMs: IDLE_TIMEOUT_MS });
  });

  afterEach(async () => {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
  });

  const get = (sid: string) => call<SessionData | null>((done) => sut.get(sid, done));
  const set = (sid: string, data: SessionData) => call<void>((done) => sut.set(sid, data, done));
  const touch = (sid: string, data: SessionData) =>
    call<void>((done) => sut.touch(sid, data, done));
  const destroy = (sid: string) => call<void>((done) => sut.destroy(sid, done));
  const rowOf = (sid: string) => rows.findOneBy({ idDigest: sessionIdDigest(sid) });

  it('stores the session under the digest of its id, never the id, and gives it back', async () => {
    const data = sessionWith({ flash: 'hello' });

    await set('the-session-id', data);

    expect(await get('the-session-id')).toEqual(JSON.parse(JSON.stringify(data)));
    const stored = await rows.find();
    expect(stored).toHaveLength(1);
    expect(stored[0].idDigest).toBe(sessionIdDigest('the-session-id'));
    expect(JSON.stringify(stored)).not.toContain('the-session-id');
    expect(await get('another-id')).toBeNull();
  });

  it('replaces the data of an id on the next set (one row per session)', async () => {
    await set('sid', sessionWith({ flash: 'first' }));
    await set('sid', sessionWith({ flash: 'second' }));

    expect((await get('sid'))?.flash).toBe('second');
    expect(await rows.count()).toBe(1);
  });

  it('expires with the cookie when it has a maxAge, else after the idle timeout (ttl)', async () => {
    const before = Date.now();
    await set('with-max-age', sessionWith({}, 60_000));
    await set('browser-session', sessionWith({}));
    const after = Date.now();

    // Epoch seconds, rounded up.
    const withMaxAge = (await rowOf('with-max-age'))?.expiresAt ?? 0;
    expect(withMaxAge).toBeGreaterThanOrEqual((before + 60_000) / 1000);
    expect(withMaxAge).toBeLessThanOrEqual(Math.ceil((after + 60_000) / 1000));
    const browserSession = (await rowOf('browser-session'))?.expiresAt ?? 0;
    expect(browserSession).toBeGreaterThanOrEqual((before + IDLE_TIMEOUT_MS) / 1000);
    expect(browserSession).toBeLessThanOrEqual(Math.ceil((after + IDLE_TIMEOUT_MS) / 1000));
  });

  it('does not return an expired session, and deletes its row when it meets it', async () => {
    await set('sid', sessionWith({ flash: 'old' }));
    await rows.update({ idDigest: sessionIdDigest('sid') }, { expiresAt: nowInSeconds() - 1 });

    expect(await get('sid')).toBeNull();
    expect(await rowOf('sid')).toBeNull();
  });

  it('touch moves the expiry of a live session forward, and never revives an expired one', async () => {
    await set('live', sessionWith({}));
    await set('expired', sessionWith({}));
    await rows.update({ idDigest: sessionIdDigest('live') }, { expiresAt: nowInSeconds() + 1 });
    await rows.update({ idDigest: sessionIdDigest('expired') }, { expiresAt: nowInSeconds() - 1 });

    await touch('live', sessionWith({}));
    await touch('expired', sessionWith({}));

    expect((await rowOf('live'))?.expiresAt).toBeGreaterThan(
      nowInSeconds() + IDLE_TIMEOUT_MS / 1000 - 5,
    );
    expect((await rowOf('expired'))?.expiresAt).toBeLessThan(nowInSeconds());
    expect(await get('expired')).toBeNull();
  });

  it('touch, with an expiring cookie, calls back once', async () => {
    await set('sid', sessionWith({}, 60_000));

    await expect(touch('sid', sessionWith({}, 60_000))).resolves.toBeUndefined();
  });

  it('destroy deletes the row (no soft delete), and calls back once it is gone', async () => {
    await set('sid', sessionWith({ flash: 'tokens would be here' }));

    await destroy('sid');

    expect(await rows.count()).toBe(0);
    expect(await get('sid')).toBeNull();
  });

  it('hands a database error to the callback, once, and never emits disconnect', async () => {
    const disconnects: unknown[] = [];
    sut.on('disconnect', (error) => disconnects.push(error));
    await dataSource.destroy();

    await expect(get('sid')).rejects.toThrow();
    await expect(set('sid', sessionWith({}))).rejects.toThrow();
    await expect(touch('sid', sessionWith({}))).rejects.toThrow();
    await expect(destroy('sid')).rejects.toThrow();
    expect(disconnects).toEqual([]);
  });
});
