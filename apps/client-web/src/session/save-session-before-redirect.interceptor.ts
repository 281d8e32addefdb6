import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { REDIRECT_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, type Observable, switchMap } from 'rxjs';
import { saveSession } from './session-lifecycle';

/**
 * Every `@Redirect` handler (the callback, Disconnect, a note's POST, the JWT-or-introspection
 * experiment) changes the session and sends the browser on to a page that reads it: the session is
 * saved before the redirect goes out, not while it is on its way (saveSession says why).
 */
@Injectable()
export class SaveSessionBeforeRedirect implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const redirects = this.reflector.get<unknown>(REDIRECT_METADATA, context.getHandler());
    const req = context.switchToHttp().getRequest<Request>();
    if (redirects === undefined || req.session === undefined) {
      return next.handle();
    }
    return next
      .handle()
      .pipe(switchMap((value: unknown) => from(saveSession(req).then(() => value))));
  }
}
