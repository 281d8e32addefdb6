import { RequestParameters } from '../../common/request-parameters';
import { BrowserError } from '../../errors/oauth-errors';
import { checkState, readState, STATE_MAX_LENGTH } from './check-state';

describe(checkState.name, () => {
  const params = (state: unknown) => new RequestParameters({ state });

  it('returns the state to echo, up to STATE_MAX_LENGTH characters', () => {
    expect(checkState(params('xyz'))).toBe('xyz');
    const longest = 's'.repeat(STATE_MAX_LENGTH);
    expect(checkState(params(longest))).toBe(longest);
  });

  it('has no state to echo when there is none, or it is repeated', () => {
    expect(checkState(params(undefined))).toBeUndefined();
    expect(readState(params(['a', 'b']))).toBeUndefined();
  });

  it('refuses a longer state with a 400 page, never a redirect', () => {
    const error = (() => {
      try {
        return checkState(params('s'.repeat(STATE_MAX_LENGTH + 1)));
      } catch (e: unknown) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BrowserError);
    expect(error).toMatchObject({ status: 400, title: 'Invalid request' });
  });
});
