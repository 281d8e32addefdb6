import { HttpException } from '@nestjs/common';

/**
 * The HTTP status an exception that is not an OAuth error stands for: a Nest HttpException's, or the
 * 4xx `status` body-parser's errors (http-errors) carry; anything else is a 500.
 */
export function httpStatusOf(exception: unknown): number {
  if (exception instanceof HttpException) {
    return exception.getStatus();
  }
  if (typeof exception === 'object' && exception !== null && 'status' in exception) {
    const status = exception.status;
    if (typeof status === 'number' && status >= 400 && status < 600) {
      return status;
    }
  }
  return 500;
}
