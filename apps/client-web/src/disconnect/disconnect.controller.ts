import { Controller, Post, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfGuard } from '../csrf/csrf.guard';
import { ConnectionService } from '../session/connection.service';

/** POST /disconnect: the tokens are forgotten with the session, then 303 home. */
@Controller('disconnect')
export class DisconnectController {
  constructor(private readonly connections: ConnectionService) {}

  @Post()
  @UseGuards(CsrfGuard)
  @Redirect('/', 303)
  disconnect(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    return this.connections.disconnect(req, res);
  }
}
