import { Body, Controller, Get, Ip, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { CsrfToken } from '../csrf/csrf-token.decorator';
import { CsrfGuard } from '../csrf/csrf.guard';
import { send } from '../pages/outcome';
import { LoginService } from './login.service';

/** Step 2, authentication: GET shows the sign-in form, POST checks it (see LoginService). */
@Controller('login')
export class LoginController {
  constructor(private readonly login: LoginService) {}

  @Get()
  show(@Query('login_challenge') challenge: unknown, @CsrfToken() csrfToken: string) {
    return this.login.show(challenge, csrfToken);
  }

  @Post()
  @UseGuards(CsrfGuard)
  async submit(
    @Body() body: unknown,
    @CsrfToken() csrfToken: string,
    @Ip() ip: string,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.login.submit(body, csrfToken, ip));
  }
}
