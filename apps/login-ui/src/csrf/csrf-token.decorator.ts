import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The CSRF token to put in the page's form (and its cookies, set on the response). Needs
 * CsrfTokenMiddleware on the route, which AppModule applies to the login and consent controllers.
 */
export const CsrfToken = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const req = context.switchToHttp().getRequest<Request>();
  if (!req.csrfToken) {
    throw new Error('CsrfTokenMiddleware is not applied to this route');
  }
  return req.csrfToken();
});
