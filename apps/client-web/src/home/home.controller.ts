import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HomeService } from './home.service';

@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  index(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.home.render(req, res);
  }
}
