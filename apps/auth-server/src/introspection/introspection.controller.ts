import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import type { IntrospectionResponse } from '@oauth-flow-lab/contracts';
import type { HttpRequest } from '../http/http-request';
import { TokenIntrospection } from './token-introspection';

/** POST /introspect (RFC 7662 §2): is this token active, and what does it stand for? */
@Controller('introspect')
export class IntrospectionController {
  constructor(private readonly introspection: TokenIntrospection) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  introspect(@Req() req: HttpRequest): Promise<IntrospectionResponse> {
    return this.introspection.handle(req);
  }
}
