import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import { FlowLog } from '@oauth-flow-lab/flow-log';
import type { Request, Response } from 'express';
import { refusedHops } from '../logging/step-six-story';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { tokenChecksOf } from '../token/token-check-trail';
import { ResourceAccessError, TemporarilyUnavailable } from './resource-access.errors';
import { formatBearerChallenge } from './www-authenticate';

/**
 * Renders every ResourceAccessError: the `WWW-Authenticate: Bearer` challenge (RFC 6750 §3), a
 * `Retry-After` on 503, and the JSON body `{error, error_description}`. It also tells the refusal
 * as steps 5 and 6 (step-six-story.ts), at warn, with the exact error code and which check failed.
 */
@Catch(ResourceAccessError)
export class ResourceAccessErrorFilter implements ExceptionFilter<ResourceAccessError> {
  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) private readonly options: ResourceGuardsOptions,
    private readonly flowLog: FlowLog,
  ) {}

  catch(exception: ResourceAccessError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    for (const hop of refusedHops(request, tokenChecksOf(request), exception)) {
      this.flowLog.hop(hop);
    }
    if (exception.challenge !== null) {
      const realm = this.options.realm ?? this.options.audience;
      response.setHeader('WWW-Authenticate', formatBearerChallenge(realm, exception.challenge));
    }
    if (exception instanceof TemporarilyUnavailable) {
      response.setHeader('Retry-After', String(TemporarilyUnavailable.retryAfterSeconds));
    }
    response.status(exception.getStatus()).json({
      error: exception.error,
      error_description: exception.errorDescription,
    });
  }
}
