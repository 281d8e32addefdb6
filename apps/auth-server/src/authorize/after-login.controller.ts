import { Controller, Get, Query, Redirect, Req, Res } from '@nestjs/common';
import type { HttpRequest } from '../http/http-request';
import type { CookieReply } from './browser-binding';
import { ContinueAfterLogin } from './continue-after-login';

/** GET /authorize/after-login?login_verifier=…: login-ui's accept/reject sends the browser here. */
@Controller('authorize/after-login')
export class AfterLoginController {
  constructor(private readonly continueAfterLogin: ContinueAfterLogin) {}

  @Get()
  @Redirect(undefined, 303)
  async afterLogin(
    @Query('login_verifier') verifier: unknown,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<{ url: string }> {
    const next = await this.continueAfterLogin.continue(
      typeof verifier === 'string' ? verifier : undefined,
      req,
      reply,
    );
    return { url: next };
  }
}
