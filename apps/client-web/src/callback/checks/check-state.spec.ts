import { InvalidState } from '../../errors/client-web-errors';
import { checkState, sameState } from './check-state';

describe(checkState.name, () => {
  const sut = checkState;
  const pending = { state: 'state-sent-in-step-1', codeVerifier: 'v'.repeat(43), nonce: 'n' };

  it('accepts the state of the pending request', () => {
    expect(() => sut('state-sent-in-step-1', pending)).not.toThrow();
  });

  it.each([
    ['missing', undefined, pending],
    ['empty', '', pending],
    ['foreign (another request)', 'state-of-someone-else', pending],
    ['a prefix of ours', 'state-sent-in-step', pending],
    ['not pending any more (replayed or never started here)', 'state-sent-in-step-1', undefined],
  ])('refuses a state that is %s', (_label, state, pendingRequest) => {
    expect(() => sut(state, pendingRequest)).toThrow(InvalidState);
  });
});

describe(sameState.name, () => {
  it('compares whole strings of any length', () => {
    expect(sameState('abc', 'abc')).toBe(true);
    expect(sameState('abc', 'abd')).toBe(false);
    expect(sameState('abc', 'abcd')).toBe(false);
    expect(sameState('', 'a')).toBe(false);
  });
});
