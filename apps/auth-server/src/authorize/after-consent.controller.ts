import { Controller, Get, Query, Redirect, Req, Res } from '@nestjs/common';
import type { HttpRequest } from '../http/http-request';
import type { CookieReply } from './browser-binding';
import { ContinueAfterConsent } from './continue-after-consent';

/**
 * GET /authorize/after-consent?consent_verifier=…: the last hop of step 2; answers with the
 * authorization response, a redirect to the client carrying the code.
 */
@Controller('authorize/after-consent')
export class AfterConsentController {
  constructor(private readonly continueAfterConsent: ContinueAfterConsent) {}

  @Get()
  @Redirect(undefined, 303)
  async afterConsent(
    @Query('consent_verifier') verifier: unknown,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<{ url: string }> {
    const authorizationResponse = await this.continueAfterConsent.continue(
      typeof verifier === 'string' ? verifier : undefined,
      req,
      reply,
    );
    return { url: authorizationResponse };
  }
}
