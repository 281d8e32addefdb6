import { FetchBudget } from './fetch-budget';

describe(FetchBudget.name, () => {
  it('allows perMinute fetches at once, then one every 60 / perMinute seconds', () => {
    const sut = new FetchBudget(3); // one earned back every 20 s
    expect([0, 1, 2, 3].map((t) => sut.tryTake(t * 1000))).toEqual([true, true, true, false]);
    expect(sut.tryTake(19_999)).toBe(false);
    expect(sut.tryTake(20_000)).toBe(true);
    expect(sut.tryTake(20_001)).toBe(false);
    expect(sut.tryTake(40_000)).toBe(true);
  });

  it('never holds more than perMinute, however long it was idle', () => {
    const sut = new FetchBudget(3);
    const takes = [0, 1, 2, 3, 4].map((n) => sut.tryTake(3_600_000 + n));
    expect(takes).toEqual([true, true, true, false, false]);
  });

  it('refused attempts earn nothing back: a steady flood gets exactly one fetch per interval', () => {
    const sut = new FetchBudget(6); // one every 10 s
    for (let t = 0; t < 6; t++) sut.tryTake(t);
    let granted = 0;
    for (let t = 1_000; t <= 60_000; t += 1_000) {
      if (sut.tryTake(t)) granted++;
    }
    expect(granted).toBe(6);
  });

  it('does not earn fetches from a clock that goes backwards', () => {
    const sut = new FetchBudget(1);
    expect(sut.tryTake(100_000)).toBe(true);
    expect(sut.tryTake(0)).toBe(false);
    expect(sut.tryTake(100_001)).toBe(false);
  });

  it('takes a fetch given back as if it had never been spent', () => {
    const sut = new FetchBudget(2);
    expect(sut.tryTake(0)).toBe(true);
    expect(sut.tryTake(0)).toBe(true);
    expect(sut.tryTake(0)).toBe(false);
    sut.giveBack();
    expect(sut.tryTake(0)).toBe(true);
    expect(sut.tryTake(0)).toBe(false);
  });
});
