import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  type TokenValidationComparison,
  type TokenValidationRequest,
  TokenValidationRequestSchema,
} from '@oauth-flow-lab/contracts';
import { TokenValidationReporter } from './token-validation.reporter';
import { ZodBody } from './zod-body.pipe';

/**
 * Step 6 made two ways, side by side (libs/contracts token-validation.ts), for client-web's
 * "JWT or introspection?" page:
 *
 *   POST /debug/token-validation
 *   {"token": "<the access token>", "required_scope": "notes:read"}
 *     -> 200 {mode, jwt: {valid, error?, check, detail, ms}, introspection: {valid, active?, ...}}
 *
 * The token is the subject of the request (the `token` parameter of RFC 7662 §2.1), not its
 * credential: 200 whatever the verdicts, 400 when the body is not {token, required_scope}.
 */
@Controller('debug')
export class TokenValidationController {
  constructor(private readonly reporter: TokenValidationReporter) {}

  @Post('token-validation')
  @HttpCode(200)
  compare(
    @Body(new ZodBody(TokenValidationRequestSchema)) body: TokenValidationRequest,
  ): Promise<TokenValidationComparison> {
    return this.reporter.compare(body.token, body.required_scope);
  }
}
