import { depthExceeds, MAX_BODY_DEPTH } from './body-depth';

describe(depthExceeds.name, () => {
  function nested(levels: number): unknown {
    let value: unknown = 'leaf';
    for (let level = 0; level < levels; level += 1) {
      value = level % 2 === 0 ? [value] : { inner: value };
    }
    return value;
  }

  it('lets a note and anything up to the limit through', () => {
    expect(depthExceeds({ title: 'a', body: 'b' }, MAX_BODY_DEPTH)).toBe(false);
    expect(depthExceeds(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(depthExceeds(undefined, MAX_BODY_DEPTH)).toBe(false);
    expect(depthExceeds('text', MAX_BODY_DEPTH)).toBe(false);
  });

  it('finds a body one level too deep', () => {
    expect(depthExceeds(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
  });

  it('measures 100 000 levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(depthExceeds(deep, MAX_BODY_DEPTH)).toBe(true);
  });
});
