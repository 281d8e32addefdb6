import { Controller, Get, Header, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import type { UserInfoResponse } from '@oauth-flow-lab/contracts';
import { UserInfo } from './userinfo';
import { UserInfoExceptionFilter } from './userinfo-exception.filter';

/**
 * GET and POST /userinfo (OIDC Core §5.3.1: "The UserInfo Endpoint MUST support the use of the HTTP
 * GET and HTTP POST methods"). The token comes in the Authorization header either way. The answer is
 * personal data: never cached.
 */
@Controller('userinfo')
@UseFilters(UserInfoExceptionFilter)
export class UserInfoController {
  constructor(private readonly userInfo: UserInfo) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(@Headers('authorization') authorization: string | undefined): Promise<UserInfoResponse> {
    return this.userInfo.handle(authorization);
  }

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  post(@Headers('authorization') authorization: string | undefined): Promise<UserInfoResponse> {
    return this.userInfo.handle(authorization);
  }
}
