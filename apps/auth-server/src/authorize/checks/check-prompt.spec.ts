import { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';
import { LoginRequired } from '../../errors/oauth-errors';
import { checkPrompt } from './check-prompt';

describe(checkPrompt.name, () => {
  const sut = checkPrompt;
  const params = (prompt: unknown) => new RequestParameters({ prompt });

  it.each([undefined, ''])('no prompt (%j) -> no values', (value) => {
    expect(sut(params(value))).toEqual([]);
  });

  it('keeps the known values, once each, and drops unknown ones (OIDC Core §3.1.2.1)', () => {
    expect(sut(params('consent  login magic consent'))).toEqual(['consent', 'login']);
    expect(sut(params('LOGIN'))).toEqual([]);
  });

  it('none alone -> login_required: auth-server never knows the user is logged in', () => {
    expect(() => sut(params('none'))).toThrow(LoginRequired);
  });

  it.each(['none login', 'consent none', 'none select_account'])(
    '%j -> invalid_request (none must stand alone)',
    (value) => {
      expect(() => sut(params(value))).toThrow(
        new InvalidRequest('prompt=none must not be combined with other prompt values'),
      );
    },
  );

  it('a repeated prompt -> invalid_request', () => {
    expect(() => sut(params(['login', 'consent']))).toThrow(InvalidRequest);
  });
});
