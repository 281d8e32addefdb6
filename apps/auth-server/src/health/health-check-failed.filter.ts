import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Response } from 'express';

/**
 * Terminus answers an unhealthy check (or one during shutdown) by throwing
 * ServiceUnavailableException with its report, `{status, info, error, details}`, as the body. The
 * app-wide OAuthExceptionFilter would turn that into a `server_error` and log it as a refused hop;
 * this filter, on HealthController only, sends terminus's report as it is, with its 503.
 */
@Catch(ServiceUnavailableException)
export class HealthCheckFailedFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(exception.getStatus())
      .json(exception.getResponse());
  }
}
