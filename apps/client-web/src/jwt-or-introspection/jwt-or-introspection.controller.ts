import { Controller, Get, Header, Post, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfGuard } from '../csrf/csrf.guard';
import { JwtOrIntrospectionService } from './jwt-or-introspection.service';

/**
 * Step 6 seen two ways: GET /jwt-or-introspection shows the current access token validated by JWT
 * and by introspection; its form (POST, CSRF-protected: it revokes a token) runs the experiment,
 * then 303 back to the page, which shows before and after side by side.
 */
@Controller('jwt-or-introspection')
export class JwtOrIntrospectionController {
  constructor(private readonly page: JwtOrIntrospectionService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  show(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.page.render(req, res);
  }

  @Post()
  @UseGuards(CsrfGuard)
  @Redirect('/jwt-or-introspection', 303)
  revokeAndCompare(@Req() req: Request): Promise<void> {
    return this.page.revokeAndCompare(req);
  }
}
