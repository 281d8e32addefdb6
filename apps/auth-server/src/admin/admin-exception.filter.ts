import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  type HttpServer,
  Logger,
} from '@nestjs/common';
import type { AdminApiError, AdminApiErrorCode } from '@oauth-flow-lab/contracts';
import type { HttpRequest } from '../http/http-request';
import { httpStatusOf } from '../errors/http-status-of';
import type { ChallengeHops } from '../interaction/challenge.hops';
import { AdminApiException } from './admin-errors';

/**
 * Renders every error of the admin listener as the contract's JSON `{error, error_description}`
 * (libs/contracts login-consent.ts), including the ones raised before a controller runs: a body that
 * is not JSON or is too large (400/413 invalid_request), an unknown route (404 not_found). Without it
 * Nest would answer those in its own `{statusCode, message}` shape, which login-ui cannot read.
 * A refused call about a challenge is also a step 2 log line (ChallengeHops), written here as rendered.
 */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AdminExceptionFilter.name);

  constructor(
    private readonly http: HttpServer,
    private readonly hops: ChallengeHops,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = this.render(exception);
    this.http.reply(host.switchToHttp().getResponse(), body, status);
    this.hops.refused(host.switchToHttp().getRequest<HttpRequest>(), status, body);
  }

  private render(exception: unknown): { status: number; body: AdminApiError } {
    if (exception instanceof AdminApiException) {
      return { status: exception.getStatus(), body: exception.body };
    }
    const status = httpStatusOf(exception);
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      return {
        status: 500,
        body: {
          error: 'server_error',
          error_description: 'The server could not complete the request',
        },
      };
    }
    return {
      status,
      body: { error: codeFor(status), error_description: descriptionOf(exception) },
    };
  }
}

function codeFor(status: number): AdminApiErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 404:
      return 'not_found';
    default:
      return 'invalid_request';
  }
}

function descriptionOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : 'Bad request';
}
