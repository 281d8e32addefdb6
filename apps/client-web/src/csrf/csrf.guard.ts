import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidCsrfToken } from '../errors/client-web-errors';
import { CsrfService } from './csrf.service';

/** Guards a state-changing POST: the `_csrf` field must match this session's CSRF cookie. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.csrf.isValid(context.switchToHttp().getRequest<Request>())) {
      throw new InvalidCsrfToken(
        'The form was not sent from this site. Reload the page and retry.',
      );
    }
    return true;
  }
}
