import { Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { HttpRequest } from '../http/http-request';
import { InvalidRequest } from '../errors/oauth-errors';
import { TokenEndpoint } from './token-endpoint';

/**
 * The token endpoint. RFC 6749 §5.1: responses carry `Cache-Control: no-store` (the error filter adds
 * it to error responses too).
 */
@Controller('token')
export class TokenController {
  constructor(private readonly tokenEndpoint: TokenEndpoint) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Req() req: HttpRequest): Promise<TokenResponse> {
    return this.tokenEndpoint.handle(req);
  }

  /** RFC 6749 §3.2: "The client MUST use the HTTP POST method when making access token requests." */
  @Get()
  tokenWithGet(): never {
    throw new InvalidRequest('the token endpoint accepts only POST');
  }
}
