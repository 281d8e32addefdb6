import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CsrfService } from './csrf.service';

/** Lets the @CsrfToken() parameter decorator mint a token for the request being handled. */
@Injectable()
export class CsrfTokenMiddleware implements NestMiddleware {
  constructor(private readonly csrf: CsrfService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    req.csrfToken = () => this.csrf.issue(req, res);
    next();
  }
}
