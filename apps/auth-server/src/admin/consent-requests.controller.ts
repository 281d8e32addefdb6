import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import {
  AcceptConsentRequestSchema,
  type ConsentRequest,
  type RedirectTo,
  RejectRequestSchema,
} from '@oauth-flow-lab/contracts';
import type { z } from 'zod';
import { ConsentRequestsService } from '../interaction/consent-requests.service';
import { AdminSecretGuard } from './admin-secret.guard';
import { ZodBodyPipe } from './zod-body.pipe';

/** The consent half of the challenge API (admin listener only), called by login-ui during step 2. */
@Controller('admin/consent-requests/:challenge')
@UseGuards(AdminSecretGuard)
export class ConsentRequestsController {
  constructor(private readonly consentRequests: ConsentRequestsService) {}

  @Get()
  get(@Param('challenge') challenge: string): Promise<ConsentRequest> {
    return this.consentRequests.get(challenge);
  }

  @Put('accept')
  accept(
    @Param('challenge') challenge: string,
    @Body(new ZodBodyPipe(AcceptConsentRequestSchema))
    body: z.output<typeof AcceptConsentRequestSchema>,
  ): Promise<RedirectTo> {
    return this.consentRequests.accept(challenge, body);
  }

  @Put('reject')
  reject(
    @Param('challenge') challenge: string,
    @Body(new ZodBodyPipe(RejectRequestSchema)) body: z.output<typeof RejectRequestSchema>,
  ): Promise<RedirectTo> {
    return this.consentRequests.reject(challenge, body);
  }
}
