import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  type HttpServer,
  Logger,
} from '@nestjs/common';
import { errorDescriptionOf } from '@oauth-flow-lab/contracts';
import type { HttpRequest } from '../http/http-request';
import type { AuthorizeHops } from '../authorize/authorize.hops';
import type { TokenHops } from '../token/token.hops';
import {
  AuthorizationResponseError,
  TooManyAuthorizationRequests,
  BrowserError,
  ClientAuthenticationThrottled,
  OAuthError,
} from './oauth-errors';
import { errorPage } from './error-page';
import { httpStatusOf } from './http-status-of';
import type { RenderedRefusal } from './rendered-refusal';

/**
 * Renders every error of the public listener, in one place:
 * - AuthorizationResponseError: 303 to the client's verified redirect_uri with `error`,
 *   `error_description`, `state` and `iss` (RFC 6749 §4.1.2.1, RFC 9207 §2).
 * - BrowserError: an HTML page, no redirect.
 * - OAuthError: JSON `{error, error_description}` (RFC 6749 §5.2) with `Cache-Control: no-store`;
 *   401 invalid_client carries `WWW-Authenticate: Basic`, 429 invalid_client `Retry-After`.
 * - Anything else: the HTTP status it names (404 for an unknown route, 413 for a body over the
 *   limit, 400 for a body that cannot be parsed), or 500 `server_error`; never a stack trace.
 * It writes through Nest's HTTP adapter (`http`), so it renders the same whichever runs it.
 * Each refusal of a protocol request is also the log line of its hop, written here as rendered
 * (at warn, with the exact error code): step 1 for /authorize, step 2 for the returns from
 * login-ui, step 3 for /token, /revoke and /introspect (see AuthorizeHops and TokenHops).
 */
@Catch()
export class OAuthExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(OAuthExceptionFilter.name);

  constructor(
    private readonly issuer: string,
    private readonly http: HttpServer,
    private readonly authorizeHops: AuthorizeHops,
    private readonly tokenHops: TokenHops,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response: unknown = host.switchToHttp().getResponse();
    const refusal = this.render(exception, response);
    const request = host.switchToHttp().getRequest<HttpRequest>();
    this.authorizeHops.refused(request, refusal);
    this.tokenHops.refused(request, refusal);
  }

  private render(exception: unknown, response: unknown): RenderedRefusal {
    if (exception instanceof AuthorizationResponseError) {
      const target = new URL(exception.redirectUri);
      target.searchParams.set('error', exception.oauthError.error);
      target.searchParams.set(
        'error_description',
        errorDescriptionOf(exception.oauthError.description),
      );
      if (exception.state !== undefined) {
        target.searchParams.set('state', exception.state);
      }
      target.searchParams.set('iss', this.issuer);
      this.http.redirect(response, 303, target.toString());
      return { kind: 'redirect', location: target };
    }

    if (exception instanceof BrowserError) {
      this.http.setHeader(response, 'Content-Type', 'text/html; charset=utf-8');
      if (exception instanceof TooManyAuthorizationRequests) {
        this.http.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
      }
      this.http.reply(
        response,
        errorPage(exception.title, exception.description),
        exception.status,
      );
      const { status, title, description } = exception;
      return { kind: 'page', status, title, description };
    }

    if (exception instanceof OAuthError) {
      this.http.setHeader(response, 'Cache-Control', 'no-store');
      if (exception.status === 401) {
        this.http.setHeader(
          response,
          'WWW-Authenticate',
          'Basic realm="auth-server", charset="UTF-8"',
        );
      }
      if (exception instanceof ClientAuthenticationThrottled) {
        this.http.setHeader(response, 'Retry-After', String(exception.retryAfterSeconds));
      }
      const body = {
        error: exception.error,
        error_description: errorDescriptionOf(exception.description),
      };
      this.http.reply(response, body, exception.status);
      return { kind: 'json', status: exception.status, ...errorOf(body) };
    }

    // A body in an unsupported charset or encoding (415, http/form-body.ts) is, for OAuth, a
    // malformed request: RFC 6749 §5.2 answers those 400 invalid_request.
    const parsed = httpStatusOf(exception);
    const status = parsed === 415 ? 400 : parsed;
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    this.http.setHeader(response, 'Cache-Control', 'no-store');
    const body = genericBody(status, exception);
    this.http.reply(response, body, status);
    return { kind: 'json', status, ...errorOf(body) };
  }
}

function errorOf(body: { error: string; error_description: string }) {
  return { error: body.error, description: body.error_description };
}

function genericBody(
  status: number,
  exception: unknown,
): { error: string; error_description: string } {
  if (status === 404) {
    return { error: 'not_found', error_description: 'No such endpoint' };
  }
  if (status === 413) {
    return { error: 'invalid_request', error_description: 'The request body is too large' };
  }
  if (status < 500) {
    const message = exception instanceof Error ? exception.message : 'Bad request';
    return { error: 'invalid_request', error_description: message };
  }
  return { error: 'server_error', error_description: 'The server could not complete the request' };
}
