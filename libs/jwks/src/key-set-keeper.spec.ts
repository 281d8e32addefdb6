import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { type KeySetFetch, KeySetKeeper, KeySetUnreachable } from './key-set-keeper';

function signingKey(kid: string): { jwk: JsonWebKey; publicKey: KeyObject } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' },
    publicKey,
  };
}

/** A JWKS endpoint whose keys and availability each test sets, counting what it is asked. */
class FakeIssuer {
  keys: JsonWebKey[] = [];
  down = false;
  readonly requests: IncomingHttpHeaders[] = [];
  private readonly server: Server = createServer((req, res) => {
    this.requests.push(req.headers);
    if (this.down) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe(KeySetKeeper.name, () => {
  const first = signingKey('key-1');
  const rotated = signingKey('key-2');
  let issuer: FakeIssuer;
  let jwksUri: string;

  beforeEach(async () => {
    issuer = new FakeIssuer();
    issuer.keys = [first.jwk];
    jwksUri = await issuer.start();
  });

  afterEach(() => issuer.stop());

  it('finds a key by kid, fetched once and then kept', async () => {
    const sut = new KeySetKeeper({ jwksUri });

    const found = await sut.keyFor('key-1');
    await sut.keyFor('key-1');

    expect(found?.publicKey.equals(first.publicKey)).toBe(true);
    expect(found?.keySetSize).toBe(1);
    expect(issuer.requests).toHaveLength(1);
  });

  it('answers a kid of the set in hand at once, and never fetches for keyInHand', async () => {
    const sut = new KeySetKeeper({ jwksUri });
    expect(sut.keyInHand('key-1')).toBeUndefined();
    expect(issuer.requests).toHaveLength(0);

    await sut.keyFor('key-1');

    expect(sut.keyInHand('key-1')?.publicKey.equals(first.publicKey)).toBe(true);
    expect(sut.keyInHand('key-2')).toBeUndefined();
    expect(issuer.requests).toHaveLength(1);
  });

  it('refetches once for a kid it does not know: a key rotated in is found', async () => {
    const sut = new KeySetKeeper({ jwksUri });
    await sut.keyFor('key-1');
    issuer.keys = [first.jwk, rotated.jwk];

    const found = await sut.keyFor('key-2');

    expect(found?.publicKey.equals(rotated.publicKey)).toBe(true);
    expect(found?.keySetSize).toBe(2);
    expect(issuer.requests).toHaveLength(2);
  });

  it('answers undefined for a kid even a fresh set lacks, and shares one fetch among waiters', async () => {
    const sut = new KeySetKeeper({ jwksUri });

    const answers = await Promise.all([sut.keyFor('forged-1'), sut.keyFor('forged-2')]);

    expect(answers).toEqual([undefined, undefined]);
    expect(issuer.requests).toHaveLength(1);
  });

  it('fetches at most fetchesPerMinute times, however many unknown kids arrive', async () => {
    const sut = new KeySetKeeper({ jwksUri, fetchesPerMinute: 2 });

    for (const kid of ['a', 'b', 'c', 'd', 'e']) {
      await expect(sut.keyFor(kid)).resolves.toBeUndefined();
    }

    expect(issuer.requests).toHaveLength(2);
  });

  it('tries again after a failed fetch no sooner than retryAfterFailureMs', async () => {
    issuer.down = true;
    const sut = new KeySetKeeper({ jwksUri, retryAfterFailureMs: 60_000 });

    for (let i = 0; i < 3; i++) {
      await expect(sut.keyCount()).rejects.toBeInstanceOf(KeySetUnreachable);
    }
    issuer.down = false;
    await expect(sut.keyCount()).rejects.toBeInstanceOf(KeySetUnreachable);

    expect(issuer.requests).toHaveLength(1);
  });

  it('spends no budget on failed fetches: the set is fetched as soon as the issuer answers', async () => {
    issuer.down = true;
    const sut = new KeySetKeeper({ jwksUri, fetchesPerMinute: 1, retryAfterFailureMs: 0 });
    for (let i = 0; i < 3; i++) {
      await expect(sut.keyCount()).rejects.toBeInstanceOf(KeySetUnreachable);
    }

    issuer.down = false;
    await expect(sut.keyCount()).resolves.toBe(1);
    expect(issuer.requests).toHaveLength(4);
    // The one fetch of the minute is spent now: an unknown kid finds no room for another.
    await expect(sut.keyFor('unknown')).resolves.toBeUndefined();
    expect(issuer.requests).toHaveLength(4);
  });

  it('keeps the last good set through an outage, and says so', async () => {
    const fetches: KeySetFetch[] = [];
    let refreshed: () => void = () => undefined;
    const refreshDone = new Promise<void>((resolve) => (refreshed = resolve));
    const sut = new KeySetKeeper({
      jwksUri,
      refreshAfterMs: -1, // every lookup refreshes in the background
      onFetch: (fetch) => {
        fetches.push(fetch);
        if (fetches.length === 2) {
          refreshed();
        }
      },
    });
    await sut.keyFor('key-1');
    issuer.down = true;

    const during = await sut.keyFor('key-1');
    await refreshDone;

    expect(during?.publicKey.equals(first.publicKey)).toBe(true);
    expect(fetches).toEqual([
      { ok: true, keys: 1 },
      { ok: false, reason: '503', keptKeys: 1 },
    ]);
    await expect(sut.keyCount()).resolves.toBe(1);
  });

  it('rejects with KeySetUnreachable when it has no set and the issuer does not answer', async () => {
    issuer.down = true;
    const fetches: KeySetFetch[] = [];
    const sut = new KeySetKeeper({ jwksUri, onFetch: (fetch) => fetches.push(fetch) });

    await expect(sut.keyFor('key-1')).rejects.toBeInstanceOf(KeySetUnreachable);
    await expect(sut.keyCount()).rejects.toBeInstanceOf(KeySetUnreachable);
    expect(fetches[0]).toEqual({ ok: false, reason: '503', keptKeys: undefined });
  });

  it('reads the headers of each fetch when it is made', async () => {
    let flow = 'flow-1';
    const sut = new KeySetKeeper({ jwksUri, headers: () => ({ traceparent: flow }) });
    await sut.keyFor('key-1');
    flow = 'flow-2';
    await sut.keyFor('unknown');

    expect(issuer.requests.map((headers) => headers['traceparent'])).toEqual(['flow-1', 'flow-2']);
  });
});
