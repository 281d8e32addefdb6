import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import {
  AcceptLoginRequestSchema,
  type LoginRequest,
  type RedirectTo,
  RejectRequestSchema,
} from '@oauth-flow-lab/contracts';
import type { z } from 'zod';
import { LoginRequestsService } from '../interaction/login-requests.service';
import { AdminSecretGuard } from './admin-secret.guard';
import { ZodBodyPipe } from './zod-body.pipe';

/** The login half of the challenge API (admin listener only), called by login-ui during step 2. */
@Controller('admin/login-requests/:challenge')
@UseGuards(AdminSecretGuard)
export class LoginRequestsController {
  constructor(private readonly loginRequests: LoginRequestsService) {}

  @Get()
  get(@Param('challenge') challenge: string): Promise<LoginRequest> {
    return this.loginRequests.get(challenge);
  }

  @Put('accept')
  accept(
    @Param('challenge') challenge: string,
    @Body(new ZodBodyPipe(AcceptLoginRequestSchema))
    body: z.output<typeof AcceptLoginRequestSchema>,
  ): Promise<RedirectTo> {
    return this.loginRequests.accept(challenge, body);
  }

  @Put('reject')
  reject(
    @Param('challenge') challenge: string,
    @Body(new ZodBodyPipe(RejectRequestSchema)) body: z.output<typeof RejectRequestSchema>,
  ): Promise<RedirectTo> {
    return this.loginRequests.reject(challenge, body);
  }
}
