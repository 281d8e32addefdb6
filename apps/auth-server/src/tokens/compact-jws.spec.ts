import { generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { verify } from 'jsonwebtoken';
import { signCompactJws } from './compact-jws';

describe(signCompactJws.name, () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const header = { alg: 'RS256', typ: 'at+jwt', kid: 'key-1' } as const;
  const claims = { iss: 'http://localhost:3000', sub: 'alice', name: 'Zoë «Ω»', exp: 2000000000 };

  it('writes three base64url parts that a JWT library reads back: the header and the claims as given', async () => {
    const token = await signCompactJws(header, claims, privateKey);
    expect(token.split('.')).toEqual([
      expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      expect.stringMatching(/^[A-Za-z0-9_-]{342}$/), // 256 bytes of RSA-2048 signature, unpadded
    ]);
    const decoded = verify(token, publicKey, { algorithms: ['RS256'], complete: true });
    expect(decoded.header).toEqual(header);
    expect(decoded.payload).toEqual(claims);
  });

  it('signs the ASCII of the first two parts with RSASSA-PKCS1-v1_5 and SHA-256 (RFC 7518 §3.3)', async () => {
    const [encodedHeader, encodedClaims, signature] = (
      await signCompactJws(header, claims, privateKey)
    ).split('.');
    const signingInput = Buffer.from(`${encodedHeader}.${encodedClaims}`, 'ascii');
    const bytes = Buffer.from(signature, 'base64url');
    expect(verifySignature('sha256', signingInput, publicKey, bytes)).toBe(true);
    expect(verifySignature('sha256', signingInput, other.publicKey, bytes)).toBe(false);
    expect(() => verify(`${encodedHeader}.${encodedClaims}.${signature}`, other.publicKey)).toThrow(
      'invalid signature',
    );
  });

  it('fails with the signing error when the key cannot sign RS256', async () => {
    const { privateKey: edKey } = generateKeyPairSync('ed25519');
    await expect(signCompactJws(header, claims, edKey)).rejects.toThrow();
  });
});
