import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ContinueAfterConsent } from './continue-after-consent';

/**
 * GET /authorize/after-consent?consent_verifier=…: the last hop of step 2; answers with the
 * authorization response, a redirect to the client carrying the code.
 */
@Controller('authorize/after-consent')
export class AfterConsentController {
  constructor(private readonly continueAfterConsent: ContinueAfterConsent) {}

  @Get()
  async afterConsent(
    @Query('consent_verifier') verifier: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const authorizationResponse = await this.continueAfterConsent.continue(
      typeof verifier === 'string' ? verifier : undefined,
      req,
    );
    res.redirect(303, authorizationResponse);
  }
}
