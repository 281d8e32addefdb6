import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidCsrfTokenError } from '../errors/page-errors';
import { CsrfService } from './csrf.service';

/** Guards a form POST: without the right CSRF token nothing runs and a 403 page is shown (case 10). */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.csrf.isValid(context.switchToHttp().getRequest<Request>())) {
      throw new InvalidCsrfTokenError();
    }
    return true;
  }
}
