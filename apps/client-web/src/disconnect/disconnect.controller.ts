import { Controller, Post, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfGuard } from '../csrf/csrf.guard';
import { ConnectionService } from '../session/connection.service';

/**
 * POST /disconnect, RFC 7009 §2.1: the refresh token is revoked at auth-server, the session holding
 * the tokens is destroyed, then 303 home, which says whether auth-server confirmed the revocation.
 */
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
