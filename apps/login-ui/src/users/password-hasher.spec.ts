import { hashAtOldCost, watchScryptCalls } from '../../test/fixtures/password-hashes';
import { costOf, PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher(2);
  /** 'wonderland', hashed once for the tests that only read it: each hash takes about 0.4 s. */
  let stored: string;

  beforeAll(async () => {
    stored = await sut.hash('wonderland');
  });

  it('stores a self-describing scrypt hash, never the password', () => {
    expect(stored).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('wonderland');
  });

  it("case 56: new hashes carry OWASP's minimum, N=2^17, r=8, p=1, read back from the stored format", async () => {
    expect(costOf(stored)).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(sut.needsRehash(stored)).toBe(false);
    await expect(sut.verify('wonderland', stored)).resolves.toBe(true);
  });

  it('case 56: still verifies a hash of the old cost (N=2^14), and marks it for an upgrade', async () => {
    const old = hashAtOldCost('wonderland');

    expect(costOf(old)).toEqual({ N: 2 ** 14, r: 8, p: 1 });
    await expect(sut.verify('wonderland', old)).resolves.toBe(true);
    await expect(sut.verify('not-it', old)).resolves.toBe(false);
    expect(sut.needsRehash(old)).toBe(true);
  });

  it('case 56: a burst of hashes, checks and dummy checks runs at most 2 scrypt calls at once', async () => {
    const limited = new PasswordHasher(2);
    const old = hashAtOldCost('wonderland');
    const scrypt = watchScryptCalls();
    try {
      await Promise.all([
        limited.hash('one'),
        limited.verify('wonderland', old),
        limited.verify('not-it', old),
        limited.verifyAgainstDummy('two'),
      ]);
    } finally {
      scrypt.restore();
    }

    // Four asked at once (a hash, two checks, the dummy hash), then the check against the dummy.
    expect(scrypt.counts.calls).toBe(5);
    expect(scrypt.counts.maxInFlight).toBe(2);
  });

  it('never marks a malformed hash, or a stronger one than today, for an upgrade', () => {
    const stronger =
      'scrypt$262144$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';

    expect(costOf(stronger)).toEqual({ N: 2 ** 18, r: 8, p: 1 });
    expect(sut.needsRehash(stronger)).toBe(false);
    expect(sut.needsRehash('wonderland')).toBe(false);
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    expect(await sut.hash('wonderland')).not.toBe(stored);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    await expect(sut.verify('wonderland', stored)).resolves.toBe(true);
    await expect(sut.verify('Wonderland', stored)).resolves.toBe(false);
    await expect(sut.verify('', stored)).resolves.toBe(false);
  });

  it.each([
    '',
    'wonderland',
    'bcrypt$16384$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$16384$8$1$$',
    'scrypt$16384$8',
  ])('refuses a malformed stored hash %j without throwing', async (stored) => {
    await expect(sut.verify('wonderland', stored)).resolves.toBe(false);
  });

  it('case 12: checking against the dummy hash costs as much as a real check, and always fails', async () => {
    await sut.verifyAgainstDummy('warm-up'); // the dummy hash itself is made once, on first use
    const time = async (check: () => Promise<boolean>) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 3; i += 1) {
        await check();
      }
      return Number(process.hrtime.bigint() - started);
    };

    const dummy = await time(() => sut.verifyAgainstDummy('wonderland'));
    const real = await time(() => sut.verify('not-it', stored));

    // Same scrypt parameters, same work; generous bounds so a busy machine does not fail the test.
    expect(dummy / real).toBeGreaterThan(0.25);
    expect(dummy / real).toBeLessThan(4);
    await expect(sut.verifyAgainstDummy(stored)).resolves.toBe(false);
  });
});
