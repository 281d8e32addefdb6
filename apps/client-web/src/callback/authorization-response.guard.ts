import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ClientFlowEvents, type RefusedResponse } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { ClientWebError } from '../errors/client-web-errors';
import { checkAuthorizationResponse } from './authorization-response';

/**
 * /callback's first guard: the checks of the authorization response (authorization-response.ts),
 * before passport may send anything to the token endpoint. Either way, the outcome is told
 * (`authorization-response-checked`).
 */
@Injectable()
export class AuthorizationResponseGuard implements CanActivate {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly events: ClientFlowEvents,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const pendingState = req.session.pendingAuthorization?.state;
    try {
      checkAuthorizationResponse(req, this.config.authServer.issuer);
    } catch (error: unknown) {
      if (error instanceof ClientWebError) {
        const { code, status, description } = error;
        await this.checked(req, pendingState, { code, status, description });
      }
      throw error;
    }
    await this.checked(req, pendingState, null);
    return true;
  }

  private checked(
    req: Request,
    pendingState: string | undefined,
    refused: RefusedResponse | null,
  ): Promise<void> {
    return this.events.emit({
      type: 'authorization-response-checked',
      request: req,
      pendingState,
      callbackUrl: this.config.redirectUri,
      query: firstValues(req.query),
      refused,
    });
  }
}

/** The query as strings only (a repeated parameter shown by its first value, already refused). */
function firstValues(query: Request['query']): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const name of ['code', 'state', 'iss', 'error', 'error_description']) {
    const value: unknown = query[name];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    values[name] = typeof first === 'string' ? first : undefined;
  }
  return values;
}
