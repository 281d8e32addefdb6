import { formatScope, isKnownScope, parseScope } from './scopes';

describe('parseScope (RFC 6749 §3.3)', () => {
  it('splits on spaces, ignores repeated spaces and collapses duplicates', () => {
    expect(parseScope('notes:read  notes:write notes:read')).toEqual(['notes:read', 'notes:write']);
  });

  it('returns an empty list for an empty value', () => {
    expect(parseScope('')).toEqual([]);
  });

  it('refuses characters outside the scope-token grammar', () => {
    expect(parseScope('notes:read "quoted"')).toBeNull();
    expect(parseScope('back\\slash')).toBeNull();
    expect(parseScope('tab\there')).toBeNull();
    expect(parseScope('caf\u00e9')).toBeNull();
  });

  it('round-trips through formatScope', () => {
    expect(formatScope(parseScope('openid notes:read') ?? [])).toBe('openid notes:read');
  });
});

describe('isKnownScope', () => {
  it('knows the notes scopes and nothing inherited from Object', () => {
    expect(isKnownScope('notes:read')).toBe(true);
    expect(isKnownScope('toString')).toBe(false);
    expect(isKnownScope('admin')).toBe(false);
  });
});
