import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Response } from 'express';

/**
 * client-web's check has no indicator that can fail, but while the app shuts down terminus answers
 * `{status: 'shutting_down', ...}` by throwing ServiceUnavailableException with that report as the
 * body. The app-wide ClientWebExceptionFilter would render it as a 500 HTML page; this filter, on
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
