import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { ClientWebError } from '../errors/client-web-errors';
import {
  authorizationResponseEntry,
  type RefusedResponse,
} from '../flow/entries/front-channel.entries';
import { FlowRecorder } from '../flow/flow-recorder.service';
import { checkCode } from './checks/check-code';
import { checkErrorResponse } from './checks/check-error-response';
import { checkIssuer } from './checks/check-issuer';
import { checkState } from './checks/check-state';
import { parseAuthorizationResponse } from './checks/parse-authorization-response';

/**
 * Step 3, first half: the checks of the authorization response, in order, BEFORE passport may
 * send anything to the token endpoint. Any failure is an error page and no token request
 * (docs/security-cases.md, case 36). Either way the outcome is step 2's entry in the flow (GET
 * /flow, the logs), under the flow id of the authorization request still pending.
 */
@Injectable()
export class AuthorizationResponseGuard implements CanActivate {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly recorder: FlowRecorder,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    this.recorder.joinPendingFlow(req);
    try {
      this.check(req);
    } catch (error: unknown) {
      if (error instanceof ClientWebError) {
        this.recordStep2(req, {
          code: error.code,
          status: error.status,
          description: error.description,
        });
      }
      throw error;
    }
    this.recordStep2(req, null);
    return true;
  }

  private check(req: Request): void {
    const response = parseAuthorizationResponse(req.query); // RFC 6749 §3.1: each parameter once
    checkIssuer(response.iss, this.config.authServer.issuer); // RFC 9207 §2.4: from our server
    checkState(response.state, req.session.pendingAuthorization); // RFC 6749 §10.12: for this browser
    if (response.error !== undefined) {
      delete req.session.pendingAuthorization; // the request is over: its state is spent
    }
    checkErrorResponse(response); // RFC 6749 §4.1.2.1: declined or failed
    checkCode(response); // RFC 6749 §4.1.2: a code to exchange
  }

  private recordStep2(req: Request, refused: RefusedResponse | null): void {
    this.recorder.record(
      req,
      authorizationResponseEntry(
        { callbackUrl: this.config.redirectUri, query: firstValues(req.query) },
        refused,
      ),
    );
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
