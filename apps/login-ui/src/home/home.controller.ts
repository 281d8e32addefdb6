import { Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfService } from '../csrf/csrf.service';
import { CsrfGuard } from '../csrf/csrf.guard';
import { LoginSessions } from '../sessions/login-sessions.service';
import { renderHomePage } from './home.page';

/** GET /: the app explained, and who is signed in at login-ui; POST /sign-out ends that session. */
@Controller()
export class HomeController {
  constructor(
    private readonly sessions: LoginSessions,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const user = await this.sessions.currentUser(req);
    // The Sign out form needs a CSRF token; a visitor who is not signed in gets no cookie at all.
    return renderHomePage(user ? { user, csrfToken: this.csrf.issue(req, res) } : undefined);
  }

  @Post('sign-out')
  @UseGuards(CsrfGuard)
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.end(req, res);
    res.redirect(303, '/');
  }
}
