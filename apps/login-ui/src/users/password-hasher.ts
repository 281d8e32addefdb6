import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { ConcurrencyLimit } from './concurrency-limit';

/**
 * Password storage with node's scrypt (a memory-hard key-derivation function, RFC 7914).
 *
 * Stored format, self-describing so the cost can be raised later without breaking old hashes:
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64url>$<derived key, base64url>
 *
 * Each password gets its own random 16-byte salt; the comparison is constant-time. A password is
 * never stored or logged in clear. A hash is checked with the parameters it records; one made at
 * less than today's COST is replaced at the user's next sign-in (UsersService, case 56).
 */
const PREFIX = 'scrypt';
/**
 * docs/security-cases.md, case 56: OWASP's Password Storage Cheat Sheet minimum for scrypt, N=2^17
 * (CPU/memory cost), r=8 (block size), p=1 (parallelism): 128 MiB and about 0.4 s of one thread per
 * hash. It was N=2^14 before case 56; hashes made then read `scrypt$16384$8$1$…`.
 */
const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Upper bounds when reading a stored hash, so a corrupt row cannot make one check eat the CPU. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** The scrypt parameters a stored hash was made with. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export class PasswordHasher {
  /**
   * docs/security-cases.md, case 56: every scrypt call (sign-in, the dummy check of case 12, the
   * upgrade, seeding) waits here for one of PASSWORD_HASH_CONCURRENCY slots, so a burst of sign-ins
   * leaves the rest of libuv's pool (4 threads by default: DNS lookups, file I/O, zlib) free.
   *
   * The queue has no bound of its own: each sign-in reserved an attempt under the guessing limits
   * (login/login-throttle.ts, cases 11 and 46) before it gets here, so one address has at most
   * LOGIN_MAX_FAILURES_PER_IP (20) hashes waiting or running, and a waiting sign-in holds a promise,
   * not a thread nor scrypt's memory. Guessers spread over many addresses lengthen the wait, not the
   * work running at once.
   */
  private readonly limit: ConcurrencyLimit;
  private dummyHash?: Promise<string>;

  constructor(concurrency: number) {
    this.limit = new ConcurrencyLimit(concurrency);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const { N, r, p } = COST;
    const key = await this.scrypt(password, salt, KEY_BYTES, COST);
    return [PREFIX, N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseStoredHash(stored);
    if (!parsed) {
      return false;
    }
    const candidate = await this.scrypt(password, parsed.salt, parsed.key.length, parsed);
    return timingSafeEqual(candidate, parsed.key);
  }

  /**
   * docs/security-cases.md, case 12: when the username is unknown, spend the same work as for a
   * wrong password, so the answer's timing does not reveal which accounts exist. Always false.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('base64url'));
    await this.verify(password, await this.dummyHash);
    return false;
  }

  /** True when `stored` is weaker than a hash made now (lower cost, shorter salt or key). */
  needsRehash(stored: string): boolean {
    const parsed = parseStoredHash(stored);
    return (
      parsed !== null &&
      (parsed.N < COST.N ||
        parsed.r < COST.r ||
        parsed.p < COST.p ||
        parsed.salt.length < SALT_BYTES ||
        parsed.key.length < KEY_BYTES)
    );
  }

  private scrypt(password: string, salt: Buffer, keyLength: number, { N, r, p }: ScryptCost) {
    return this.limit.run(() =>
      scrypt(password, salt, keyLength, { N, r, p, maxmem: maxmem(N, r, p) }),
    );
  }
}

/** The parameters `stored` records, or null when it is not a hash of ours. */
export function costOf(stored: string): ScryptCost | null {
  const parsed = parseStoredHash(stored);
  return parsed && { N: parsed.N, r: parsed.r, p: parsed.p };
}

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * `maxmem` for these parameters: node refuses an scrypt call that needs more (32 MiB by default,
 * less than N=2^17 needs). OpenSSL's EVP_PBE_scrypt counts 128·r·(N+2) bytes for V and 128·r·p for
 * B: at COST, 128 MiB and 3 KiB. Exactly what the hash's own parameters need, no more.
 */
function maxmem(N: number, r: number, p: number): number {
  return 128 * r * (N + 2 + p);
}

interface ParsedHash extends ScryptCost {
  salt: Buffer;
  key: Buffer;
}

function parseStoredHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) {
    return null;
  }
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d{1,8}$/.test(v) ? Number(v) : NaN));
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) {
    return null;
  }
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length < 16) {
    return null;
  }
  return { N, r, p, salt, key };
}
