import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import { errorDescriptionOf } from '@oauth-flow-lab/contracts';
import { HttpAdapterHost } from '@nestjs/core';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { ResourceAccessError, TemporarilyUnavailable } from './resource-access.errors';
import { formatBearerChallenge } from './www-authenticate';

/**
 * Renders every ResourceAccessError, in one place: the `WWW-Authenticate: Bearer` challenge
 * (RFC 6750 §3), a `Retry-After` on 503, and the JSON body `{error, error_description}`,
 * through Nest's HTTP adapter, so it answers the same under Fastify (resource-api) or Express.
 */
@Catch(ResourceAccessError)
export class ResourceAccessErrorFilter implements ExceptionFilter<ResourceAccessError> {
  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) private readonly options: ResourceGuardsOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(exception: ResourceAccessError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    if (exception.challenge !== null) {
      const realm = this.options.realm ?? this.options.audience;
      httpAdapter.setHeader(
        response,
        'WWW-Authenticate',
        formatBearerChallenge(realm, exception.challenge),
      );
    }
    if (exception instanceof TemporarilyUnavailable) {
      httpAdapter.setHeader(
        response,
        'Retry-After',
        String(TemporarilyUnavailable.retryAfterSeconds),
      );
    }
    httpAdapter.reply(
      response,
      { error: exception.error, error_description: errorDescriptionOf(exception.errorDescription) },
      exception.getStatus(),
    );
  }
}
