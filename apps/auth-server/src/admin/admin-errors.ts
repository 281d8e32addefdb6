import { HttpException, HttpStatus } from '@nestjs/common';
import type { AdminApiError, AdminApiErrorCode } from '@oauth-flow-lab/contracts';

/** Errors of the admin API, as JSON `{error, error_description}` (the contract in libs/contracts). */
export class AdminApiException extends HttpException {
  readonly body: AdminApiError;

  constructor(status: HttpStatus, error: AdminApiErrorCode, description: string) {
    const body: AdminApiError = { error, error_description: description };
    super(body, status);
    this.body = body;
  }
}

export const adminErrors = {
  invalidRequest: (description: string) =>
    new AdminApiException(HttpStatus.BAD_REQUEST, 'invalid_request', description),
  notFound: (what: string) =>
    new AdminApiException(HttpStatus.NOT_FOUND, 'not_found', `No ${what} has this challenge`),
  expired: (what: string) =>
    new AdminApiException(
      HttpStatus.GONE,
      'expired',
      `The ${what} has expired; start again from the application`,
    ),
  alreadyHandled: (what: string) =>
    new AdminApiException(HttpStatus.GONE, 'already_handled', `The ${what} was already handled`),
};
