import type { NoteStats } from '@oauth-flow-lab/contracts';
import { StatsCache } from './stats-cache';

const cacheFor = (maxAgeSeconds: number) => new StatsCache(maxAgeSeconds);

const statsWith = (total: number): NoteStats => ({
  notes_per_user: [{ sub: 'amy', count: total }],
  total,
});

/** A load the test resolves or rejects by hand, counting how often it was called. */
function manualLoad() {
  const pending: { resolve: (stats: NoteStats) => void; reject: (error: Error) => void }[] = [];
  const load = jest.fn(
    () => new Promise<NoteStats>((resolve, reject) => pending.push({ resolve, reject })),
  );
  return { load, pending };
}

describe('StatsCache (GET /notes/stats reused)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers from the one query while it is fresh, and asks again once NOTES_STATS_CACHE_SECONDS passed', async () => {
    const cache = cacheFor(5);
    let total = 1;
    const load = jest.fn(() => Promise.resolve(statsWith(total)));

    expect(await cache.get(load)).toEqual(statsWith(1));
    total = 2; // another replica wrote a note
    jest.advanceTimersByTime(4_999);
    expect(await cache.get(load)).toEqual(statsWith(1));
    jest.advanceTimersByTime(1);
    expect(await cache.get(load)).toEqual(statsWith(2));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('asks again at once after a note is written here', async () => {
    const cache = cacheFor(5);
    let total = 1;
    const load = jest.fn(() => Promise.resolve(statsWith(total)));

    await cache.get(load);
    total = 2;
    cache.invalidate();

    expect(await cache.get(load)).toEqual(statsWith(2));
  });

  it('lets requests that arrive during the query share it', async () => {
    const cache = cacheFor(5);
    const { load, pending } = manualLoad();

    const first = cache.get(load);
    const second = cache.get(load);
    pending[0].resolve(statsWith(3));

    expect(await first).toEqual(statsWith(3));
    expect(await second).toEqual(statsWith(3));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never answers a request after a write with a query started before it', async () => {
    const cache = cacheFor(5);
    const { load, pending } = manualLoad();

    const before = cache.get(load);
    cache.invalidate(); // the insert committed while the first query ran
    const after = cache.get(load);
    pending[1].resolve(statsWith(2));
    pending[0].resolve(statsWith(1));

    expect(await before).toEqual(statsWith(1));
    expect(await after).toEqual(statsWith(2));
    expect(await cache.get(load)).toEqual(statsWith(2));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps no failed query: the next request asks again', async () => {
    const cache = cacheFor(5);
    const { load, pending } = manualLoad();

    const failed = cache.get(load);
    pending[0].reject(new Error('SQLITE_BUSY'));
    await expect(failed).rejects.toThrow('SQLITE_BUSY');

    const next = cache.get(load);
    pending[1].resolve(statsWith(1));
    expect(await next).toEqual(statsWith(1));
  });

  it('shares a frozen answer, which no request can change for the next', async () => {
    const stats = await cacheFor(5).get(() => Promise.resolve(statsWith(1)));

    expect(Object.isFrozen(stats)).toBe(true);
    expect(Object.isFrozen(stats.notes_per_user)).toBe(true);
    expect(Object.isFrozen(stats.notes_per_user[0])).toBe(true);
  });

  it('with NOTES_STATS_CACHE_SECONDS=0 asks the database every time', async () => {
    const cache = cacheFor(0);
    const load = jest.fn(() => Promise.resolve(statsWith(1)));

    await cache.get(load);
    await cache.get(load);

    expect(load).toHaveBeenCalledTimes(2);
  });
});
