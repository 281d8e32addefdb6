import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AdminApiCallError } from '../auth-server/admin-api.errors';
import { type ErrorPage, renderErrorPage, toErrorPage } from './error-page';

/** Renders every error as an HTML page with the right status (see error-page.ts). */
@Catch()
export class ErrorPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorPageFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const page = toErrorPage(exception);
    if (!page.expected) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    } else if (exception instanceof AdminApiCallError) {
      // Messages name the call and the status, never a password, code or token.
      this.logger.warn(exception.message);
    }
    sendErrorPage(host.switchToHttp().getResponse<Response>(), page);
  }
}

export function sendErrorPage(res: Response, page: ErrorPage): void {
  if (res.headersSent) {
    return;
  }
  res.status(page.status).set(page.headers).type('html').send(renderErrorPage(page));
}
