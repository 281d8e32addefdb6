import { Controller, Get, Inject, Query, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import type { HttpRequest } from '../http/http-request';
import { AuthorizeRateLimit } from './authorize-rate-limit.guard';
import { type CookieReply, setBindingCookie } from './browser-binding';
import { StartAuthorization } from './start-authorization';

/** GET /authorize (RFC 6749 §4.1.1): step 1 reaches auth-server here. */
@Controller('authorize')
export class AuthorizeController {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly startAuthorization: StartAuthorization,
  ) {}

  @Get()
  @UseGuards(AuthorizeRateLimit)
  @Redirect(undefined, 303)
  async authorize(
    @Query() query: Record<string, unknown>,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<{ url: string }> {
    const started = await this.startAuthorization.start(query);
    setBindingCookie(req, reply, started.requestId, started.binding, {
      secure: this.config.secureCookies,
      maxAgeSeconds: this.config.interactionTtlSeconds,
    });
    return { url: started.loginUrl };
  }
}
