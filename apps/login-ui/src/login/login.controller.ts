import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfToken } from '../csrf/csrf-token.decorator';
import { CsrfGuard } from '../csrf/csrf.guard';
import { send } from '../pages/outcome';
import { LoginService } from './login.service';

/** Step 2, authentication: GET shows the sign-in form (or skips it), POST checks it (LoginService). */
@Controller('login')
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @Get()
  async show(
    @Query('login_challenge') challenge: unknown,
    @CsrfToken() csrfToken: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.login.show(challenge, csrfToken, req));
  }

  @Post()
  @UseGuards(CsrfGuard)
  async submit(
    @Body() body: unknown,
    @CsrfToken() csrfToken: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.login.submit(body, csrfToken, req, res));
  }
}
