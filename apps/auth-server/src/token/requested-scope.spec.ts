import { RequestParameters } from '../common/request-parameters';
import { InvalidScope } from '../errors/oauth-errors';
import { requestedScope } from './requested-scope';

describe(requestedScope.name, () => {
  const sut = requestedScope;
  const granted = ['openid', 'offline_access', 'notes:read'];
  const params = (scope: unknown) => new RequestParameters({ scope });

  it.each([undefined, '', ' '])('an omitted or empty scope (%j) is the whole ceiling', (scope) => {
    expect(sut(params(scope), granted, 'the grant')).toEqual(granted);
  });

  it('a subset narrows, in any order', () => {
    expect(sut(params('notes:read openid'), granted, 'the grant')).toEqual([
      'notes:read',
      'openid',
    ]);
  });

  it('a scope beyond the ceiling is invalid_scope, naming it', () => {
    expect(() => sut(params('notes:read notes:write'), granted, 'the grant')).toThrow(
      new InvalidScope('scope goes beyond the grant: notes:write'),
    );
  });

  it('a malformed scope is invalid_scope', () => {
    expect(() => sut(params('notes:read "x"'), granted, 'the grant')).toThrow(InvalidScope);
  });
});
