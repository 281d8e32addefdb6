import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { setBindingCookie } from './browser-binding';
import { StartAuthorization } from './start-authorization';

/** GET /authorize (RFC 6749 §4.1.1): step 1 reaches auth-server here. */
@Controller('authorize')
export class AuthorizeController {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly startAuthorization: StartAuthorization,
  ) {}

  @Get()
  async authorize(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const started = await this.startAuthorization.start(query);
    setBindingCookie(res, started.requestId, started.binding, {
      secure: this.config.issuer.startsWith('https:'),
      maxAgeSeconds: this.config.interactionTtlSeconds,
    });
    res.redirect(303, started.loginUrl);
  }
}
