import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { CsrfToken } from '../csrf/csrf-token.decorator';
import { CsrfGuard } from '../csrf/csrf.guard';
import { send } from '../pages/outcome';
import { ConsentService } from './consent.service';

/** Step 2, consent: GET shows what the client asks for (or skips it), POST records Allow or Deny. */
@Controller('consent')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get()
  async show(
    @Query('consent_challenge') challenge: unknown,
    @CsrfToken() csrfToken: string,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.consent.show(challenge, csrfToken));
  }

  @Post()
  @UseGuards(CsrfGuard)
  async submit(@Body() body: unknown, @Res() res: Response): Promise<void> {
    send(res, await this.consent.submit(body));
  }
}
