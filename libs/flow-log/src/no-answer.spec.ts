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

  it('says nothing of another error', () => {
    expect(noAnswerReason(new Error('503'), 5000)).toBeUndefined();
    expect(noAnswerReason('a string', 5000)).toBeUndefined();
  });
});
