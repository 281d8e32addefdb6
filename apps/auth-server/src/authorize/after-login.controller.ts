import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ContinueAfterLogin } from './continue-after-login';

/** GET /authorize/after-login?login_verifier=…: login-ui's accept/reject sends the browser here. */
@Controller('authorize/after-login')
export class AfterLoginController {
  constructor(private readonly continueAfterLogin: ContinueAfterLogin) {}

  @Get()
  async afterLogin(
    @Query('login_verifier') verifier: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const next = await this.continueAfterLogin.continue(
      typeof verifier === 'string' ? verifier : undefined,
      req,
    );
    res.redirect(303, next);
  }
}
