import { clientSecretDigest, DUMMY_SECRET_DIGEST, verifyClientSecret } from './client-secret';

describe(clientSecretDigest.name, () => {
  const sut = clientSecretDigest;
  const pepper = 'a-test-pepper-of-some-length';

  it('is a 64-character hex HMAC-SHA-256, never the secret', () => {
    const digest = sut('client-web-secret', pepper);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('client-web-secret');
  });

  it('is deterministic for one pepper and differs under another', () => {
    expect(sut('s3cret', pepper)).toBe(sut('s3cret', pepper));
    expect(sut('s3cret', pepper)).not.toBe(sut('s3cret', `${pepper}2`));
    expect(sut('s3cret', pepper)).not.toBe(sut('s3cret!', pepper));
  });
});

describe(verifyClientSecret.name, () => {
  const sut = verifyClientSecret;
  const pepper = 'a-test-pepper-of-some-length';
  const stored = clientSecretDigest('p@ss:w+rd ü', pepper);

  it('accepts the secret the digest was made from', () => {
    expect(sut('p@ss:w+rd ü', stored, pepper)).toBe(true);
  });

  it.each(['p@ss:w+rd', 'p@ss:w+rd ü ', 'P@SS:W+RD Ü', ''])('refuses %j', (secret) => {
    expect(sut(secret, stored, pepper)).toBe(false);
  });

  it('refuses the right secret under another pepper', () => {
    expect(sut('p@ss:w+rd ü', stored, `${pepper}2`)).toBe(false);
  });

  it('refuses, without throwing, a stored digest of another length', () => {
    expect(sut('anything', 'abc', pepper)).toBe(false);
    expect(sut('anything', '', pepper)).toBe(false);
  });

  it('never matches the dummy digest used for unknown clients', () => {
    expect(sut('', DUMMY_SECRET_DIGEST, pepper)).toBe(false);
    expect(sut('client-web-secret', DUMMY_SECRET_DIGEST, pepper)).toBe(false);
  });
});
