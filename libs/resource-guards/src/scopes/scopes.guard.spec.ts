import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { InsufficientScope } from '../errors/resource-access.errors';
import type { Principal } from '../principal/principal';
import { RequireScopes } from './require-scopes.decorator';
import { ScopesGuard } from './scopes.guard';

class NotesRoutes {
  @RequireScopes('notes:read')
  list(this: void): void {
    return undefined;
  }

  @RequireScopes('notes:read', 'notes:write')
  edit(this: void): void {
    return undefined;
  }

  open(this: void): void {
    return undefined;
  }
}

function principalWith(scope: string): Principal {
  return {
    sub: 'alice',
    clientId: 'client-web',
    scopes: scope.split(' ').filter(Boolean),
    claims: {
      iss: 'i',
      sub: 'alice',
      aud: 'a',
      client_id: 'client-web',
      scope,
      iat: 0,
      exp: 1,
      jti: 'j',
    },
  };
}

function contextFor(route: keyof NotesRoutes, user?: Principal) {
  const handler = NotesRoutes.prototype[route];
  return new ExecutionContextHost([{ user }, {}], NotesRoutes, handler);
}

describe(ScopesGuard.name, () => {
  const sut = new ScopesGuard(new Reflector());

  it('lets a token with the required scope through', () => {
    expect(sut.canActivate(contextFor('list', principalWith('openid notes:read')))).toBe(true);
  });

  it('lets any route without required scopes through', () => {
    expect(sut.canActivate(contextFor('open', principalWith('')))).toBe(true);
  });

  it('refuses a token without the scope: 403 insufficient_scope naming it (RFC 6750 §3.1)', () => {
    let error: unknown;
    try {
      sut.canActivate(contextFor('list', principalWith('openid notes:write')));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsufficientScope);
    const insufficient = error as InsufficientScope;
    expect(insufficient.getStatus()).toBe(403);
    expect(insufficient.challenge).toEqual({
      error: 'insufficient_scope',
      errorDescription: 'This resource requires the scope notes:read',
      scope: 'notes:read',
    });
  });

  it('requires every listed scope and names them all', () => {
    expect(() => sut.canActivate(contextFor('edit', principalWith('notes:read')))).toThrow(
      new InsufficientScope(['notes:read', 'notes:write']),
    );
  });

  it('fails loudly when used without AccessTokenGuard', () => {
    expect(() => sut.canActivate(contextFor('list'))).toThrow(/@Authenticated/);
  });
});
