import { PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher();

  it('stores a self-describing scrypt hash, never the password', async () => {
    const stored = await sut.hash('wonderland');

    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('wonderland');
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    expect(await sut.hash('wonderland')).not.toBe(await sut.hash('wonderland'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await sut.hash('wonderland');

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
    const stored = await sut.hash('wonderland');
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
