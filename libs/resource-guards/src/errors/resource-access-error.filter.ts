import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { ResourceAccessError, TemporarilyUnavailable } from './resource-access.errors';
import { formatBearerChallenge } from './www-authenticate';

/**
 * Renders every ResourceAccessError, in one place: the `WWW-Authenticate: Bearer` challenge
 * (RFC 6750 §3), a `Retry-After` on 503, and the JSON body `{error, error_description}`.
 */
@Catch(ResourceAccessError)
export class ResourceAccessErrorFilter implements ExceptionFilter<ResourceAccessError> {
  constructor(@Inject(RESOURCE_GUARDS_OPTIONS) private readonly options: ResourceGuardsOptions) {}

  catch(exception: ResourceAccessError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
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
