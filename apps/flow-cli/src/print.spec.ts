import { Printer, useColour } from './print';

describe(Printer.name, () => {
  it('prints the step heading in the README words, without colour codes when colour is off', () => {
    let out = '';
    const sut = new Printer((text) => (out += text), false);
    sut.heading(3);
    expect(out).toBe('\nStep 3: the client presents its credentials and the code\n');
  });

  it('aligns name/value pairs', () => {
    let out = '';
    const sut = new Printer((text) => (out += text), false);
    sut.fields([
      ['code', 'abc…'],
      ['iss', 'http://localhost:3000'],
    ]);
    expect(out).toBe('      code  abc…\n      iss   http://localhost:3000\n');
  });
});

describe(useColour.name, () => {
  it('colours a terminal unless NO_COLOR is set, and never a pipe', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: false }, {})).toBe(false);
  });
});
