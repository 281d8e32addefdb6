import { aClient } from '../../../test/fixtures/client-entity';
import { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest, InvalidScope } from '../../errors/oauth-errors';
import { checkScope } from './check-scope';

describe(checkScope.name, () => {
  const sut = checkScope;
  const client = aClient({ allowedScopes: ['openid', 'notes:read', 'notes:write'] });
  const params = (scope: unknown) => new RequestParameters({ scope });

  it('returns the requested scopes', () => {
    expect(sut(params('openid notes:read'), client)).toEqual(['openid', 'notes:read']);
  });

  it('accepts the allowed scopes in any order, with extra spaces and duplicates collapsed', () => {
    expect(sut(params(' notes:write  openid notes:write '), client)).toEqual([
      'notes:write',
      'openid',
    ]);
  });

  it('refuses a scope the client is not registered for, naming it', () => {
    expect(() => sut(params('openid profile'), client)).toThrow(
      new InvalidScope('the client may not request: profile'),
    );
  });

  it.each(['admin', 'OPENID', 'notes:*', "' OR '1'='1", '$gt', '../'])(
    'refuses %s as invalid_scope',
    (scope) => {
      expect(() => sut(params(scope), client)).toThrow(InvalidScope);
    },
  );

  it.each(['notes:read "x"', 'back\\slash', 'tab\tseparated', 'caf\u00e9'])(
    'refuses characters outside the RFC 6749 §3.3 grammar: %j',
    (scope) => {
      expect(() => sut(params(scope), client)).toThrow(
        new InvalidScope('scope contains characters that are not allowed'),
      );
    },
  );

  it.each([
    ['omitted', undefined],
    ['empty', ''],
    ['only spaces', '   '],
  ])('refuses an %s scope: the server has no default', (_label, scope) => {
    expect(() => sut(params(scope), client)).toThrow(new InvalidScope('scope is required'));
  });

  it('refuses a repeated scope as invalid_request', () => {
    expect(() => sut(params(['openid', 'openid']), client)).toThrow(InvalidRequest);
  });
});
