import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { checkBearerRequest, ResourceAccessError } from '@oauth-flow-lab/resource-guards';
import type { HttpRequest } from '@oauth-flow-lab/resource-guards';

/**
 * `@SubjectToken() token: string`: the token a report is about, read by the guard's own rule
 * (RFC 6750 §2.1, `Authorization: Bearer <token>` and nowhere else). Here it is what the request
 * is about, not a credential: without one the request is malformed (400), not unauthorized.
 */
export const SubjectToken = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  try {
    return checkBearerRequest(context.switchToHttp().getRequest<HttpRequest>());
  } catch (error: unknown) {
    if (error instanceof ResourceAccessError) {
      throw new BadRequestException(
        `Send the token to check as Authorization: Bearer <token> (${error.errorDescription})`,
      );
    }
    throw error;
  }
});
