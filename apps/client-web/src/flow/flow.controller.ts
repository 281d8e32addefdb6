import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { flowPage } from './flow.page';

/** GET /flow: the last flow of this browser session, step by step (see flow-record.ts). */
@Controller('flow')
export class FlowController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  flow(@Req() req: Request): string {
    return flowPage(req.session.flow);
  }
}
