import { InsufficientScope } from '../errors/resource-access.errors';
import { TokenCheckFailure } from '../token/token-check';
import { checkScope } from './check-scope';

describe(checkScope.name, () => {
  it('passes a token granted every required scope', () => {
    expect(checkScope(['openid', 'notes:read'], ['notes:read'])).toBe('grants notes:read');
  });

  it('passes any token on an endpoint requiring no scope', () => {
    expect(checkScope([], [])).toBe('the endpoint requires no scope');
  });

  it('refuses a token without the scope: 403 insufficient_scope naming it (RFC 6750 §3.1)', () => {
    let failure: unknown;
    try {
      checkScope(['openid', 'notes:write'], ['notes:read']);
    } catch (error: unknown) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(TokenCheckFailure);
    const { answer, detail } = failure as TokenCheckFailure;
    expect(detail).toBe('needs notes:read; the token grants openid notes:write');
    expect(answer).toBeInstanceOf(InsufficientScope);
    expect(answer.getStatus()).toBe(403);
    expect(answer.challenge).toEqual({
      error: 'insufficient_scope',
      errorDescription: 'This resource requires the scope notes:read',
      scope: 'notes:read',
    });
  });

  it('requires every listed scope and names them all', () => {
    let failure: unknown;
    try {
      checkScope(['notes:read'], ['notes:read', 'notes:write']);
    } catch (error: unknown) {
      failure = error;
    }
    expect((failure as TokenCheckFailure).detail).toBe(
      'needs notes:write; the token grants notes:read',
    );
    expect((failure as TokenCheckFailure).answer).toEqual(
      new InsufficientScope(['notes:read', 'notes:write']),
    );
  });
});
