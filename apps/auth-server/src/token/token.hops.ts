import { Injectable } from '@nestjs/common';
import type { IntrospectionResponse, TokenResponse } from '@oauth-flow-lab/contracts';
import { FlowLog, shorten } from '@oauth-flow-lab/flow-log';
import { type HttpRequest, pathOf } from '../http/http-request';
import { type RenderedRefusal, refusalOutcome } from '../errors/rendered-refusal';
import { CLIENT_PARTY } from '../flow/hop-text';
import { clientRequestText } from './client-request-text';
import type { SupportedGrantType } from './token-request.checks';

/**
 * auth-server's log lines of the back channel with a client: the token request as received (step
 * 3) and the token response (step 4), for every grant; refusals with the exact RFC 6749 §5.2 error.
 *
 *     step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code
 *       client_id=client-web (client_secret_basic) code=Yt3kq9Zr… → code redeemed: …
 *     step 4 · auth-server → client-web · back channel · 200 token response (grant_type=authorization_code)
 *       → access token jti=3c9d2f1a…, expires in 600 s, scope openid notes:read, no refresh token, id_token
 *
 * A refresh (grant_type=refresh_token, RFC 6749 §6) and a client_credentials grant (§4.4) are the
 * same two steps again, labelled with their grant_type.
 *
 * /revoke (RFC 7009) and /introspect (RFC 7662) are labelled step 3 too. They are none of the six
 * steps, but they are step 3's exchange again: a client authenticates to auth-server on the back
 * channel exactly as at /token (same methods, same invalid_client), and presents something it
 * holds, a token instead of a code. Reading them as "step 3 again" is the useful lesson. The one
 * exception is a resource server introspecting the token it was just sent (resource-api in its
 * TOKEN_VALIDATION=introspection mode): that is step 6, the resource server's check, and is
 * labelled so, as resource-api labels the same request.
 */
@Injectable()
export class TokenHops {
  constructor(private readonly flowLog: FlowLog) {}

  /** Steps 3 and 4 of a token request that succeeded. */
  issued(req: HttpRequest, grantType: SupportedGrantType, response: TokenResponse): void {
    if (!this.flowLog.writesHops) {
      return;
    }
    this.flowLog.hop({
      step: 3,
      from: CLIENT_PARTY,
      to: 'auth-server',
      request: clientRequestText(req),
      outcome: GRANT_CHECKS_PASSED[grantType],
      ok: true,
    });
    this.flowLog.hop({
      step: 4,
      from: 'auth-server',
      to: CLIENT_PARTY,
      request: `200 token response (grant_type=${grantType})`,
      outcome: tokenResponseText(grantType, response),
      ok: true,
    });
  }

  /** POST /revoke answered (always 200, RFC 7009 §2.2): what was revoked, if anything. */
  revoked(req: HttpRequest, what: string): void {
    this.flowLog.hop({
      step: 3,
      from: CLIENT_PARTY,
      to: 'auth-server',
      request: clientRequestText(req),
      outcome: `200 ${what}`,
      ok: true,
    });
  }

  /**
   * POST /introspect answered (RFC 7662 §2.2): active or not, and which token. `byResourceServer`:
   * the caller is a resource server checking a token it received (step 6, not step 3).
   */
  introspected(req: HttpRequest, response: IntrospectionResponse, byResourceServer: boolean): void {
    if (!this.flowLog.writesHops) {
      return;
    }
    const outcome = !response.active
      ? '200 {"active": false}'
      : response.token_type === 'access_token'
        ? `200 active access token jti=${shorten(response.jti ?? '')} (scope ${response.scope})`
        : `200 active refresh token (scope ${response.scope})`;
    this.flowLog.hop({
      step: byResourceServer ? 6 : 3,
      from: byResourceServer ? 'resource-api' : CLIENT_PARTY,
      to: 'auth-server',
      request: clientRequestText(req),
      outcome,
      ok: true,
    });
  }

  /** A refused /token, /revoke or /introspect, as OAuthExceptionFilter rendered it. */
  refused(req: HttpRequest, refusal: RenderedRefusal): void {
    if (!CLIENT_BACK_CHANNEL_PATHS.has(pathOf(req))) {
      return;
    }
    this.flowLog.hop({
      step: 3,
      from: CLIENT_PARTY,
      to: 'auth-server',
      request: clientRequestText(req),
      outcome: refusalOutcome(refusal),
      ok: false,
    });
  }
}

const CLIENT_BACK_CHANNEL_PATHS: ReadonlySet<string> = new Set([
  '/token',
  '/revoke',
  '/introspect',
]);

/** What step 3 verified before tokens were issued, per grant (the checks of ./grants). */
const GRANT_CHECKS_PASSED: Readonly<Record<SupportedGrantType, string>> = {
  authorization_code:
    'code redeemed: client authenticated, code issued to it and unexpired, redirect_uri matches, PKCE S256 verified',
  refresh_token: 'refresh token valid for this client, rotated (RFC 9700 §4.14.2)',
  client_credentials: 'client authenticated, acting on its own behalf (no user)',
};

/** The token response, every token named by what may be shown of it: the access token's `jti`. */
function tokenResponseText(grantType: SupportedGrantType, response: TokenResponse): string {
  const refresh =
    response.refresh_token === undefined
      ? 'no refresh token'
      : grantType === 'refresh_token'
        ? 'new refresh token (the presented one is rotated out)'
        : 'refresh token';
  return [
    `access token jti=${shorten(jtiOf(response.access_token))}`,
    `expires in ${response.expires_in} s`,
    `scope ${response.scope}`,
    refresh,
    ...(response.id_token === undefined ? [] : ['id_token']),
  ].join(', ');
}

/**
 * The `jti` of an access token AccessTokenIssuer signed a moment ago, read back from its payload
 * (RFC 9068 §2.2): the one part of a token a log may show. Only `jti` is read: the token is this
 * server's own, and validating all its claims again (zod) was a fifth of what a logged token
 * request spends on its two lines.
 */
function jtiOf(accessToken: string): string {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const jti =
      typeof claims === 'object' && claims !== null && 'jti' in claims ? claims.jti : null;
    return typeof jti === 'string' && jti !== '' ? jti : '(unknown)';
  } catch {
    return '(unknown)';
  }
}
