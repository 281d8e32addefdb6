import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  type TokenChecksReport,
  type TokenChecksRequest,
  TokenChecksRequestSchema,
} from '@oauth-flow-lab/contracts';
import { CallerToken, ReportCallerGuard } from './report-caller.guard';
import { TokenChecksReporter } from './token-checks.reporter';
import { ZodBody } from './zod-body.pipe';

/**
 * The validation report of step 6 (libs/contracts token-checks.ts), for client-web's flow view:
 *
 *   POST /debug/token-checks
 *   Authorization: Bearer <the caller's access token, the one to check>
 *   {"required_scope": "notes:read"}            -> 200 TokenChecksReport, whatever the verdict
 *
 * The token is the caller's credential and the subject of the report (ReportCallerGuard): without
 * one 401 and the bare challenge, with one that does not authenticate 401 invalid_token; then 200
 * whatever the verdict for the scope asked about (in introspection mode, whatever auth-server now
 * says of the token), and 400 when the body is not {required_scope}.
 */
@Controller('debug')
export class TokenChecksController {
  constructor(private readonly reporter: TokenChecksReporter) {}

  @Post('token-checks')
  @UseGuards(ReportCallerGuard)
  @HttpCode(200)
  report(
    @CallerToken() token: string,
    @Body(new ZodBody(TokenChecksRequestSchema)) body: TokenChecksRequest,
  ): Promise<TokenChecksReport> {
    return this.reporter.report(token, body.required_scope);
  }
}
