import { FetchBudget } from './fetch-budget';

describe(FetchBudget.name, () => {
  it('allows perMinute fetches, then none until the oldest is a minute old', () => {
    const sut = new FetchBudget(3);
    expect([0, 1, 2, 3].map((t) => sut.tryTake(t * 1000))).toEqual([true, true, true, false]);
    expect(sut.tryTake(59_999)).toBe(false);
    expect(sut.tryTake(60_000)).toBe(true);
    expect(sut.tryTake(60_001)).toBe(false);
    expect(sut.tryTake(61_000)).toBe(true);
  });
});
