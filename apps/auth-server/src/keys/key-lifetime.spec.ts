import {
  isActiveAt,
  isPublishedAt,
  publishedUntil,
  RETIREMENT_MARGIN_SECONDS,
} from './key-lifetime';

describe('key lifetime', () => {
  const ttl = 600;

  describe(isActiveAt.name, () => {
    it.each([
      ['before its activation', { activatedAt: 100, retiredAt: null }, 99, false],
      ['from its activation', { activatedAt: 100, retiredAt: null }, 100, true],
      ['until its retirement', { activatedAt: 100, retiredAt: 200 }, 199, true],
      ['not from its retirement on', { activatedAt: 100, retiredAt: 200 }, 200, false],
      ['never without an activation', { activatedAt: null, retiredAt: null }, 100, false],
    ])('%s', (_, key, now, expected) => {
      expect(isActiveAt(key, now)).toBe(expected);
    });
  });

  describe(isPublishedAt.name, () => {
    it('publishes a key before it signs (pre-published) and while it signs', () => {
      expect(isPublishedAt({ activatedAt: 500, retiredAt: null }, 100, ttl)).toBe(true);
      expect(isPublishedAt({ activatedAt: 100, retiredAt: null }, 10_000_000, ttl)).toBe(true);
    });

    it('keeps a retired key until its last token has expired, plus the margin', () => {
      const key = { activatedAt: 100, retiredAt: 200 };
      const until = 200 + ttl + RETIREMENT_MARGIN_SECONDS;
      expect(publishedUntil(key, ttl)).toBe(until);
      expect(isPublishedAt(key, until, ttl)).toBe(true);
      expect(isPublishedAt(key, until + 1, ttl)).toBe(false);
    });
  });
});
