import { HttpException } from '@nestjs/common';
import { html, renderPage } from '@oauth-flow-lab/html';
import {
  AdminApiBadGatewayError,
  AdminApiRefusedError,
  AdminApiUnreachableError,
  ChallengeGoneError,
  ChallengeNotFoundError,
} from '../auth-server/admin-api.errors';
import { LOGIN_UI_ROLE } from '../pages/login-ui-role';
import { PageError } from './page-errors';

export interface ErrorPage {
  status: number;
  title: string;
  message: string;
  headers: Readonly<Record<string, string>>;
  /** False for the unexpected: the filter logs those with their stack (never shown to the user). */
  expected: boolean;
}

const START_AGAIN = 'Go back to the application and start again.';

/** Every error login-ui can meet, mapped to the page the user sees. No stack trace ever leaves. */
export function toErrorPage(exception: unknown): ErrorPage {
  const page = (status: number, title: string, message: string, headers = {}): ErrorPage => ({
    status,
    title,
    message,
    headers,
    expected: true,
  });
  if (exception instanceof PageError) {
    return page(exception.status, exception.title, exception.message, exception.headers);
  }
  // docs/security-cases.md, case 10: an unknown, expired or already used challenge gives no code.
  if (exception instanceof ChallengeNotFoundError) {
    return page(404, 'Unknown request', `This request is unknown or has expired. ${START_AGAIN}`);
  }
  if (exception instanceof ChallengeGoneError) {
    const what = exception.reason === 'expired' ? 'has expired' : 'was already used';
    return page(410, 'Request no longer valid', `This request ${what}. ${START_AGAIN}`);
  }
  if (exception instanceof AdminApiRefusedError) {
    return page(400, 'Bad request', `auth-server refused this request. ${START_AGAIN}`);
  }
  if (exception instanceof AdminApiUnreachableError) {
    return page(
      503,
      'auth-server is unavailable',
      'auth-server cannot be reached. Try again later.',
    );
  }
  if (exception instanceof AdminApiBadGatewayError) {
    return page(502, 'auth-server is unavailable', 'auth-server did not answer as expected.');
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return page(exception.getStatus(), 'Request refused', exception.message);
  }
  const bodyParserStatus = clientErrorStatus(exception);
  if (bodyParserStatus !== undefined) {
    const title = bodyParserStatus === 413 ? 'Form too large' : 'Bad request';
    return page(bodyParserStatus, title, 'The form could not be read.');
  }
  return { ...page(500, 'Something went wrong', START_AGAIN), expected: false };
}

/** body-parser's errors (http-errors) carry a 4xx `status` and `expose: true`. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) {
    return undefined;
  }
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true
    ? status
    : undefined;
}

export function renderErrorPage(error: ErrorPage): string {
  return renderPage(
    LOGIN_UI_ROLE,
    error.title,
    html`<h1>${error.title}</h1>
      <p class="error" data-testid="error">${error.message}</p>`,
  );
}
