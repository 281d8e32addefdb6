import { Controller, Get, Inject, Query, Redirect, Res } from '@nestjs/common';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
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
  @Redirect(undefined, 303)
  async authorize(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<{ url: string }> {
    const started = await this.startAuthorization.start(query);
    setBindingCookie(reply, started.requestId, started.binding, {
      secure: this.config.issuer.startsWith('https:'),
      maxAgeSeconds: this.config.interactionTtlSeconds,
    });
    return { url: started.loginUrl };
  }
}
