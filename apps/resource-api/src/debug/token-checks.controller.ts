import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  type TokenChecksReport,
  type TokenChecksRequest,
  TokenChecksRequestSchema,
} from '@oauth-flow-lab/contracts';
import { SubjectToken } from './subject-token.decorator';
import { TokenChecksReporter } from './token-checks.reporter';
import { ZodBody } from './zod-body.pipe';

/**
 * The validation report of step 6 (libs/contracts token-checks.ts), for client-web's flow view:
 *
 *   POST /debug/token-checks
 *   Authorization: Bearer <the access token to check>
 *   {"required_scope": "notes:read"}            -> 200 TokenChecksReport, whatever the verdict
 *
 * The token is the subject of the request, not its credential: the answer is 200 for a valid and
 * an invalid token alike, and 400 when there is no token or the body is not {required_scope}.
 */
@Controller('debug')
export class TokenChecksController {
  constructor(private readonly reporter: TokenChecksReporter) {}

  @Post('token-checks')
  @HttpCode(200)
  report(
    @SubjectToken() token: string,
    @Body(new ZodBody(TokenChecksRequestSchema)) body: TokenChecksRequest,
  ): Promise<TokenChecksReport> {
    return this.reporter.report(token, body.required_scope);
  }
}
