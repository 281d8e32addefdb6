import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfToken } from '../csrf/csrf-token.decorator';
import { CsrfGuard } from '../csrf/csrf.guard';
import { send } from '../pages/outcome';
import { AppsService } from './apps.service';

/** The user's connected apps (see AppsService): list, sign in to see them, revoke one. */
@Controller('apps')
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  async show(
    @Query('status') status: unknown,
    @CsrfToken() csrfToken: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.apps.show(req, csrfToken, status));
  }

  @Post('sign-in')
  @UseGuards(CsrfGuard)
  async signIn(
    @Body() body: unknown,
    @CsrfToken() csrfToken: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.apps.signInToApps(body, csrfToken, req, res));
  }

  @Post(':client_id/revoke')
  @UseGuards(CsrfGuard)
  async revoke(
    @Param('client_id') clientId: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.apps.revoke(clientId, req));
  }
}
