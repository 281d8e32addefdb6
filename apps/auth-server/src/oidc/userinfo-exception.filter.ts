import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { BearerTokenError } from './bearer-token-error';

/**
 * /userinfo is a protected resource (OIDC Core §5.3.3): its errors follow RFC 6750 §3, a
 * `WWW-Authenticate: Bearer` challenge (not the token endpoint's `Basic`), with a JSON body too.
 */
@Catch(BearerTokenError)
export class UserInfoExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(exception: BearerTokenError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    httpAdapter.setHeader(response, 'WWW-Authenticate', exception.challenge(this.config.issuer));
    httpAdapter.setHeader(response, 'Cache-Control', 'no-store');
    const { error, description } = exception;
    httpAdapter.reply(
      response,
      error === undefined ? undefined : { error, error_description: description },
      exception.status,
    );
  }
}
