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
 * app-wide ErrorPageFilter would render that as an HTML error page; this filter, on
 * HealthController only, sends terminus's JSON report as it is, with its 503.
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
