import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { CsrfService } from '../csrf/csrf.service';
import { revocationAnswer, revocationEntry } from '../flow/entries/token-endpoint.entries';
import { FlowRecorder } from '../flow/flow-recorder.service';
import { revokeAccessToken } from '../tokens/revoke-token';
import { jwtOrIntrospectionPage } from './jwt-or-introspection.page';
import { TokenValidationClient } from './token-validation.client';
import { tokenFingerprint } from './validation-experiment';

/** The scope Notes Reader's own call needs (GET /notes): the one both ways are asked about. */
const REQUIRED_SCOPE = 'notes:read';

/**
 * "JWT or introspection?": the session's access token, validated by resource-api both ways (its
 * demo comparison), then revoked at auth-server (RFC 7009, client-web's own credentials), then
 * validated both ways again.
 *
 * Only the access token is revoked: the grant and its refresh token stay. client-web keeps the
 * revoked token in the session, so that the difference can be watched on the home page too: with
 * resource-api in jwt mode the notes keep coming until the token's `exp`; in introspection mode
 * resource-api answers 401 invalid_token once its cached answer runs out, and client-web then
 * refreshes, as it does on any 401 invalid_token (tokens/fresh-access-token.service.ts). Without
 * a refresh token (no offline_access), the user connects again.
 */
@Injectable()
export class JwtOrIntrospectionService {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly validations: TokenValidationClient,
    private readonly recorder: FlowRecorder,
    private readonly csrf: CsrfService,
  ) {}

  /** GET: the last experiment, and the current access token's verdicts now. */
  async render(req: Request, res: Response): Promise<string> {
    const connection = req.session.connection;
    const experiment = req.session.validationExperiment;
    if (connection === undefined) {
      return jwtOrIntrospectionPage({ experiment, current: undefined });
    }
    return jwtOrIntrospectionPage({
      experiment,
      current: {
        now: await this.validations.compare(connection.accessToken, REQUIRED_SCOPE),
        isExperimentToken:
          experiment?.tokenFingerprint === tokenFingerprint(connection.accessToken),
        expiresAt: connection.expiresAt,
        canRefresh: connection.refreshToken !== undefined,
        csrfToken: this.csrf.tokenFor(req, res),
      },
    });
  }

  /** POST: compare, revoke the access token, compare again; the page shows it (303 to GET). */
  async revokeAndCompare(req: Request): Promise<void> {
    const connection = req.session.connection;
    if (connection === undefined) {
      return;
    }
    const token = connection.accessToken;
    const before = await this.validations.compare(token, REQUIRED_SCOPE);
    const revocation = await revokeAccessToken(this.config, token);
    this.recorder.record(req, {
      ...revocationEntry(
        this.config.authServer.revocationEndpoint,
        'access_token',
        revocationAnswer(revocation),
      ),
      why: '"JWT or introspection?" revoked the access token (only it: the refresh token and the grant stay) to compare the two ways resource-api can validate it.',
    });
    const after = await this.validations.compare(token, REQUIRED_SCOPE);
    req.session.validationExperiment = {
      at: new Date().toISOString(),
      tokenFingerprint: tokenFingerprint(token),
      expiresAt: connection.expiresAt,
      before,
      revocation:
        revocation.kind === 'revoked'
          ? { revoked: true }
          : { revoked: false, reason: revocation.reason },
      after,
    };
  }
}
