import { ConcurrencyLimit } from './concurrency-limit';

/** A stand-in for one scrypt call: counts the calls running at once, and ends when told to. */
function fakeHashes() {
  const running = { now: 0, max: 0 };
  const finishers: (() => void)[] = [];
  const started: number[] = [];
  const hash = (id: number) => {
    started.push(id);
    running.now += 1;
    running.max = Math.max(running.max, running.now);
    return new Promise<number>((resolve) =>
      finishers.push(() => {
        running.now -= 1;
        resolve(id);
      }),
    );
  };
  /** Ends the oldest running hash, then lets the limit start the next one. */
  const finishOne = async () => {
    finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { running, started, hash, finishOne };
}

describe(ConcurrencyLimit.name, () => {
  it('case 56: under a burst of 10 hashes, at most PASSWORD_HASH_CONCURRENCY (2) run at once; the rest wait in order', async () => {
    const sut = new ConcurrencyLimit(2);
    const fake = fakeHashes();

    const results = Array.from({ length: 10 }, (_, id) => sut.run(() => fake.hash(id)));
    await new Promise((resolve) => setImmediate(resolve));

    expect(fake.started).toEqual([0, 1]);
    expect(sut.running).toBe(2);
    expect(sut.queued).toBe(8);
    for (let i = 0; i < 10; i += 1) {
      await fake.finishOne();
    }
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fake.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fake.running.max).toBe(2);
    expect(sut.running).toBe(0);
    expect(sut.queued).toBe(0);
  });

  it('frees the slot of a task that fails, and hands the failure to its caller', async () => {
    const sut = new ConcurrencyLimit(1);

    const failing = sut.run(() => Promise.reject(new Error('scrypt failed')));
    const next = sut.run(() => Promise.resolve('next'));

    await expect(failing).rejects.toThrow('scrypt failed');
    await expect(next).resolves.toBe('next');
    expect(sut.running).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p as a limit', (max) => {
    expect(() => new ConcurrencyLimit(max)).toThrow(RangeError);
  });
});
