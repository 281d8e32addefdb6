import { Controller, Delete, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import type { RememberedConsent } from '@oauth-flow-lab/contracts';
import { RememberedConsents } from '../consents/remembered-consents.service';
import { AdminSecretGuard } from './admin-secret.guard';

/**
 * A user's "connected apps" (admin listener only), for login-ui's /apps page: the consents the user
 * asked to remember, and revoking one (which also revokes that client's tokens for the user).
 * The subject and client id are only ever bound query parameters.
 */
@Controller('admin/subjects/:subject/consents')
@UseGuards(AdminSecretGuard)
export class SubjectConsentsController {
  constructor(private readonly remembered: RememberedConsents) {}

  @Get()
  list(@Param('subject') subject: string): Promise<RememberedConsent[]> {
    return this.remembered.list(subject);
  }

  @Delete(':client_id')
  @HttpCode(204)
  revoke(@Param('subject') subject: string, @Param('client_id') clientId: string): Promise<void> {
    return this.remembered.revoke(subject, clientId);
  }
}
