import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import type { HttpRequest } from '../http/http-request';
import { TokenRevocation } from './token-revocation';

/**
 * POST /revoke (RFC 7009 §2): a client tells auth-server it no longer needs a token, e.g. when the
 * user disconnects it. 200 with an empty body whether or not there was anything to revoke (§2.2).
 */
@Controller('revoke')
export class RevocationController {
  constructor(private readonly revocation: TokenRevocation) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  revoke(@Req() req: HttpRequest): Promise<void> {
    return this.revocation.handle(req);
  }
}
