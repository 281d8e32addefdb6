import type { ActiveToken } from '@oauth-flow-lab/contracts';
import { IntrospectionCache } from './introspection-cache';

const NOW = 1_800_000_000_000;
const nowSeconds = NOW / 1000;

function active(overrides: Partial<ActiveToken> = {}): ActiveToken {
  return {
    active: true,
    scope: 'notes:read',
    client_id: 'client-web',
    sub: 'alice',
    exp: nowSeconds + 600,
    iat: nowSeconds,
    iss: 'http://localhost:3000',
    aud: 'http://localhost:3003',
    jti: 'jti-1',
    token_type: 'access_token',
    ...overrides,
  };
}

describe(IntrospectionCache.name, () => {
  it('reuses a positive answer for the configured time, and not a moment longer', () => {
    const sut = new IntrospectionCache(5);
    sut.set('token-a', active(), NOW);
    expect(sut.get('token-a', NOW + 4999)).toEqual({ answer: active(), ageMs: 4999 });
    expect(sut.get('token-a', NOW + 5000)).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it("never keeps an answer past the token's own exp", () => {
    const sut = new IntrospectionCache(5);
    sut.set('token-a', active({ exp: nowSeconds + 2 }), NOW);
    expect(sut.get('token-a', NOW + 1999)).toBeDefined();
    expect(sut.get('token-a', NOW + 2000)).toBeUndefined();
  });

  it('keeps nothing with cacheSeconds 0, or for a token already past its exp', () => {
    const off = new IntrospectionCache(0);
    off.set('token-a', active(), NOW);
    expect(off.get('token-a', NOW)).toBeUndefined();
    const sut = new IntrospectionCache(5);
    sut.set('token-b', active({ exp: nowSeconds }), NOW);
    expect(sut.size).toBe(0);
  });

  it('answers only for the very token it was given (keyed by a digest of the whole token)', () => {
    const sut = new IntrospectionCache(5);
    sut.set('token-a', active(), NOW);
    expect(sut.get('token-b', NOW)).toBeUndefined();
    expect(sut.get('token-', NOW)).toBeUndefined();
    expect(sut.get('token-a ', NOW)).toBeUndefined();
  });

  it('never keeps a negative answer, even one that slipped past the type', () => {
    const sut = new IntrospectionCache(5);
    // @ts-expect-error RFC 7662 {"active": false} is never cached: the next request asks again.
    sut.set('token-a', { active: false }, NOW);
    expect(sut.get('token-a', NOW)).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('is bounded: when full, expired answers go first, then the oldest', () => {
    const sut = new IntrospectionCache(5, 3);
    sut.set('a', active({ exp: nowSeconds + 1 }), NOW);
    sut.set('b', active(), NOW);
    sut.set('c', active(), NOW + 500);
    // a has expired by then: it makes room, b and c stay.
    sut.set('d', active(), NOW + 1500);
    expect(sut.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((t) => sut.get(t, NOW + 1500) !== undefined)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    // Nothing expired: the oldest (b) goes.
    sut.set('e', active(), NOW + 1600);
    expect(sut.size).toBe(3);
    expect(['b', 'c', 'd', 'e'].map((t) => sut.get(t, NOW + 1600) !== undefined)).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('a flood of different tokens never holds more than the bound', () => {
    const sut = new IntrospectionCache(5, 100);
    for (let i = 0; i < 1000; i++) {
      sut.set(`token-${i}`, active({ jti: `jti-${i}` }), NOW);
    }
    expect(sut.size).toBe(100);
    expect(sut.get('token-999', NOW)).toBeDefined();
    expect(sut.get('token-0', NOW)).toBeUndefined();
  });
});
