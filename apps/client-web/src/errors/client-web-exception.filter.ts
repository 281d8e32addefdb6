import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { AuthorizationDeclined, ClientWebError, TooManyConnects } from './client-web-errors';
import { declinedPage, errorPage } from './error-pages';

/**
 * Renders every error as an HTML page, in one place:
 * - AuthorizationDeclined: the "You declined" page.
 * - ClientWebError: the error page with its code and status.
 * - HttpException or a body-parser error: the status it names (404 unknown route, 413, 400...).
 * - Anything else: 500 `server_error`, logged; the page never shows a stack trace.
 */
@Catch()
export class ClientWebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ClientWebExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      return;
    }
    response.setHeader('Cache-Control', 'no-store');

    if (exception instanceof AuthorizationDeclined) {
      response.status(exception.status).type('html').send(declinedPage());
      return;
    }
    if (exception instanceof ClientWebError) {
      if (exception instanceof TooManyConnects) {
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      response
        .status(exception.status)
        .type('html')
        .send(errorPage(exception.code, exception.description));
      return;
    }

    const status = httpStatusOf(exception);
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      response.status(500).type('html').send(errorPage('server_error', 'Please try again.'));
      return;
    }
    response
      .status(status)
      .type('html')
      .send(errorPage(status === 404 ? 'not_found' : 'invalid_request', describe(status)));
  }
}

function httpStatusOf(exception: unknown): number {
  if (exception instanceof HttpException) {
    return exception.getStatus();
  }
  // body-parser errors (http-errors) carry a 4xx `status`.
  if (typeof exception === 'object' && exception !== null && 'status' in exception) {
    const status = exception.status;
    if (typeof status === 'number' && status >= 400 && status < 600) {
      return status;
    }
  }
  return 500;
}

function describe(status: number): string {
  switch (status) {
    case 404:
      return 'There is no such page.';
    case 413:
      return 'The form was too large.';
    default:
      return 'The request could not be understood.';
  }
}
