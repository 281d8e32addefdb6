import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ServiceUnavailableException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Terminus answers an unhealthy check (or any check while the app shuts down, `status:
 * 'shutting_down'`) by throwing ServiceUnavailableException with its report, `{status, info, error,
 * details}`, as the body. Each app's own error filter would turn that into something else (an OAuth
 * `server_error` in auth-server, an HTML error page in login-ui and client-web); this filter, put on
 * each app's HealthController only, sends terminus's JSON report as it is, with its 503, through
 * Nest's HTTP adapter (Fastify in auth-server and resource-api, Express in the two others).
 */
@Catch(ServiceUnavailableException)
export class HealthCheckFailedFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    this.adapterHost.httpAdapter.reply(
      host.switchToHttp().getResponse(),
      exception.getResponse(),
      exception.getStatus(),
    );
  }
}
