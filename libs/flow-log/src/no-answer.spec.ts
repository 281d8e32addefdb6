import { noAnswerReason } from './no-answer';

describe(noAnswerReason.name, () => {
  it('names a timeout by its length', () => {
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(noAnswerReason(timeout, 5000)).toBe('no answer within 5 s');
  });

  it('names a network failure by its code, as fetch reports it in `cause`', () => {
    const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(noAnswerReason(refused, 5000)).toBe('no answer (ECONNREFUSED)');
  });

  it("names undici's timeouts by its length, as `request` reports them in `code`", () => {
    for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']) {
      const timeout = Object.assign(new Error('timeout'), { code });
      expect(noAnswerReason(timeout, 5000)).toBe('no answer within 5 s');
    }
  });

  it("names a network failure by its code, as undici's `request` reports it on the error", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(noAnswerReason(refused, 5000)).toBe('no answer (ECONNREFUSED)');
  });

  it('says nothing of another error', () => {
    expect(noAnswerReason(new Error('503'), 5000)).toBeUndefined();
    expect(noAnswerReason('a string', 5000)).toBeUndefined();
    expect(noAnswerReason(Object.assign(new Error('x'), { code: 'UND_ERR_ABORTED' }), 5000)).toBe(
      undefined,
    );
  });
});
