import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  type TokenValidationComparison,
  type TokenValidationRequest,
  TokenValidationRequestSchema,
} from '@oauth-flow-lab/contracts';
import { CallerToken, ReportCallerGuard } from './report-caller.guard';
import { TokenValidationReporter } from './token-validation.reporter';
import { ZodBody } from './zod-body.pipe';

/**
 * Step 6 made two ways, side by side (libs/contracts token-validation.ts), for client-web's
 * "JWT or introspection?" page:
 *
 *   POST /debug/token-validation
 *   Authorization: Bearer <the caller's access token, the one to validate>
 *   {"required_scope": "notes:read"}
 *     -> 200 {mode, jwt: {valid, error?, check, detail, ms}, introspection: {valid, active?, ...}}
 *
 * The token is the caller's credential and the subject of the comparison (ReportCallerGuard): only
 * a caller it authenticates gets auth-server asked about it, and only about it. 401 without one or
 * with one that does not authenticate; then 200 whatever the verdicts (a revoked token: introspection
 * says inactive), 400 when the body is not {required_scope}.
 */
@Controller('debug')
export class TokenValidationController {
  constructor(private readonly reporter: TokenValidationReporter) {}

  @Post('token-validation')
  @UseGuards(ReportCallerGuard)
  @HttpCode(200)
  compare(
    @CallerToken() token: string,
    @Body(new ZodBody(TokenValidationRequestSchema)) body: TokenValidationRequest,
  ): Promise<TokenValidationComparison> {
    return this.reporter.compare(token, body.required_scope);
  }
}
