import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Response } from 'express';

/**
 * Terminus answers an unhealthy check (or any check while the app shuts down, `status:
 * 'shutting_down'`) by throwing ServiceUnavailableException with its report, `{status, info, error,
 * details}`, as the body. Each app's own error filter would turn that into something else (an OAuth
 * `server_error` in auth-server, an HTML error page in login-ui and client-web); this filter, put on
 * each app's HealthController only, sends terminus's JSON report as it is, with its 503.
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
