import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { serializedTransaction } from '@oauth-flow-lab/database';
import type { HttpRequest } from '../http/http-request';
import type { DataSource } from 'typeorm';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { alreadyUsed, findByVerifier } from '../interaction/find-by-verifier';
import { clearBindingCookie, type CookieReply } from './browser-binding';
import { InteractionStore } from '../interaction/interaction-store';
import { rejectionResponse } from '../interaction/user-rejection';
import { issueAuthorizationCode } from '../tokens/issue-authorization-code';
import { AuthorizeHops } from './authorize.hops';

/**
 * The end of step 2: the user has consented (or refused) and login-ui sent the browser back here with
 * a consent verifier. Consent given: the authorization code is issued and the browser goes to the
 * client's redirect_uri with `code`, `state` and `iss` (RFC 6749 §4.1.2, RFC 9207 §2). Consent refused:
 * the same redirect carries `error=access_denied` instead.
 */
@Injectable()
export class ContinueAfterConsent {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: InteractionStore,
    private readonly hops: AuthorizeHops,
  ) {}

  /** Returns the authorization response: the client's redirect_uri with the code. */
  async continue(
    verifier: string | undefined,
    req: HttpRequest,
    reply: CookieReply,
  ): Promise<string> {
    const request = await findByVerifier(this.store, 'consentVerifierDigest', verifier, req);
    const state = request.state ?? undefined;
    // Whatever follows ends the authorization: the browser's binding cookie is of no more use.
    clearBindingCookie(req, reply, request.id, { secure: this.config.secureCookies });

    if (request.phase === 'consent_rejected') {
      if (!(await this.store.transition(request.id, 'consent_rejected', { phase: 'done' }))) {
        throw alreadyUsed();
      }
      throw rejectionResponse(request);
    }

    // Closing the request and issuing its code happen together or not at all.
    const code = await serializedTransaction(this.dataSource, async (manager) => {
      if (
        !(await this.store.transition(request.id, 'consent_accepted', { phase: 'done' }, manager))
      ) {
        throw alreadyUsed();
      }
      return issueAuthorizationCode(manager, request, this.config.authorizationCodeTtlSeconds);
    });

    const response = new URL(request.redirectUri);
    response.searchParams.set('code', code);
    if (state !== undefined) {
      response.searchParams.set('state', state);
    }
    response.searchParams.set('iss', this.config.issuer);
    this.hops.codeIssued(response.toString(), request, this.config.authorizationCodeTtlSeconds);
    return response.toString();
  }
}
