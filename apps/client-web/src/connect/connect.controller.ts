import { Controller, Get, UseGuards } from '@nestjs/common';
import { AuthServerGuard } from './auth-server.guard';
import { AuthorizationRequestOnlyGuard } from './authorization-request-only.guard';
import { ConnectRateLimit } from './connect-rate-limit.guard';

/**
 * Step 1, RFC 6749 §4.1.1: GET /connect sends the browser to auth-server's authorization endpoint.
 * AuthServerGuard (passport-oauth2) writes the 302 itself; the handler never runs.
 */
@Controller('connect')
export class ConnectController {
  @Get()
  @UseGuards(ConnectRateLimit, AuthorizationRequestOnlyGuard, AuthServerGuard)
  connect(): void {
    // Unreachable: the guard has already answered with the redirect.
  }
}
