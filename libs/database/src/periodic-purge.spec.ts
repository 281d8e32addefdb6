import { Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PeriodicPurge, type Purge } from './periodic-purge';
import { sqliteOptions } from './sqlite-options';

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** The purge an app writes: one DELETE of the rows past their expiry. */
const expiredRows: Purge = {
  what: 'expired rows',
  async run(manager: EntityManager, now: number) {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from('rows')
      .where('expires_at < :now', { now })
      .execute();
    return result.affected ?? 0;
  },
};

/** A purge that waits until the test lets it finish, and counts its runs. */
function heldPurge() {
  let release = () => undefined as void;
  const purge = {
    what: 'held rows',
    runs: 0,
    run: jest.fn(async () => {
      purge.runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return 0;
    }),
    release: () => release(),
  };
  return purge;
}

/** Lets pending callbacks and promises settle until `done()` holds, a bounded number of times. */
async function eventually(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await done()) {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the condition never held');
}

describe(PeriodicPurge.name, () => {
  let dataSource: DataSource;
  let warn: jest.SpyInstance;

  const count = async () =>
    Number((await dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM rows'))[0].n);

  beforeEach(async () => {
    dataSource = await new DataSource(
      sqliteOptions({ database: ':memory:', entities: [], migrations: [] }),
    ).initialize();
    await dataSource.query('CREATE TABLE rows (id INTEGER PRIMARY KEY, expires_at INTEGER)');
    await dataSource.query('INSERT INTO rows (expires_at) VALUES (?), (?), (?)', [
      nowInSeconds() - 10,
      nowInSeconds() - 1,
      nowInSeconds() + 60,
    ]);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
  });

  it('case 44: runs each purge once, deleting what is past its expiry, and says how many', async () => {
    const sut = new PeriodicPurge(dataSource, 0, [expiredRows]);

    expect(await sut.runOnce()).toEqual({ 'expired rows': 2 });
    expect(await count()).toBe(1);
    expect(await sut.runOnce()).toEqual({ 'expired rows': 0 });
  });

  it('case 44: a failed purge is one warning line, the others still run, and it runs again next time', async () => {
    let fails = true;
    const flaky: Purge = {
      what: 'flaky rows',
      run: () =>
        fails
          ? Promise.reject(new Error('database is locked\n    at Statement.run'))
          : Promise.resolve(3),
    };
    const sut = new PeriodicPurge(dataSource, 0, [flaky, expiredRows]);

    await expect(sut.runOnce()).resolves.toEqual({ 'expired rows': 2 });
    expect(warn.mock.calls).toEqual([
      ['flaky rows not purged, tried again at the next run: database is locked'],
    ]);

    fails = false;
    expect(await sut.runOnce()).toEqual({ 'flaky rows': 3, 'expired rows': 0 });
  });

  it('case 44: never two runs at once: a run asked for during another starts after it', async () => {
    const held = heldPurge();
    const sut = new PeriodicPurge(dataSource, 0, [held]);

    const first = sut.runOnce();
    const second = sut.runOnce();
    await eventually(() => held.runs === 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.runs).toBe(1);

    held.release();
    await first;
    await eventually(() => held.runs === 2);
    held.release();
    await second;
  });

  it('case 44: the timer runs the purges soon after start, then every interval, and never holds the process', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date'] });
    const purge = { what: 'expired rows', run: jest.fn(() => Promise.resolve(0)) };
    const sut = new PeriodicPurge(dataSource, 300, [purge]);

    sut.onApplicationBootstrap();
    expect(sut.isScheduled).toBe(true);
    expect(purge.run).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(1_000);
    await eventually(() => purge.run.mock.calls.length === 1);
    await jest.advanceTimersByTimeAsync(299_000);
    expect(purge.run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_000);
    await eventually(() => purge.run.mock.calls.length === 2);

    await sut.onModuleDestroy();
    expect(sut.isScheduled).toBe(false);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(purge.run).toHaveBeenCalledTimes(2);
  });

  it('case 44: the timer is unref()ed: it alone does not keep the process alive', () => {
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    const sut = new PeriodicPurge(dataSource, 300, [expiredRows]);

    sut.onApplicationBootstrap();

    const timer = setTimeoutSpy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    return sut.onModuleDestroy();
  });

  it('case 44: an interval of 0 (PURGE_INTERVAL_SECONDS=0) times no run at all', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date'] });
    const purge = { what: 'expired rows', run: jest.fn(() => Promise.resolve(0)) };
    const sut = new PeriodicPurge(dataSource, 0, [purge]);

    sut.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2 * 86_400_000);

    expect(sut.isScheduled).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    expect(purge.run).not.toHaveBeenCalled();
  });

  it('case 44: shutdown waits for the run in progress, skips the purges left, and no run follows', async () => {
    const held = heldPurge();
    const after = { what: 'expired rows', run: jest.fn(() => Promise.resolve(0)) };
    const sut = new PeriodicPurge(dataSource, 300, [held, after]);
    const running = sut.runOnce();
    await eventually(() => held.runs === 1);

    let destroyed = false;
    const destroying = sut.onModuleDestroy().then(() => (destroyed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(destroyed).toBe(false);

    held.release();
    await destroying;
    expect(await running).toEqual({ 'held rows': 0 });
    expect(after.run).not.toHaveBeenCalled();
    expect(await sut.runOnce()).toEqual({});
    expect(held.runs).toBe(1);
  });

  it('case 44: a run against a closed DataSource does nothing and does not throw', async () => {
    const sut = new PeriodicPurge(dataSource, 0, [expiredRows]);
    await dataSource.destroy();

    await expect(sut.runOnce()).resolves.toEqual({});
    expect(warn).not.toHaveBeenCalled();
  });
});
