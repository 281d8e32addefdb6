import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfService } from '../csrf/csrf.service';
import { ResourceApiClient } from '../notes/resource-api.client';
import { nowInSeconds } from '../session/connection-from-token-response';
import { FreshAccessTokenService } from '../tokens/fresh-access-token.service';
import { decodeAccessTokenForDisplay } from './access-token-display';
import { connectedPage } from './connected.page';
import type { ConnectedView } from './home.view';
import type { SignedInUser } from '../session/session-data';
import { notConnectedPage } from './not-connected.page';

/** GET /: before step 1 an explanation and Connect; once connected, step 5. */
@Injectable()
export class HomeService {
  constructor(
    private readonly resourceApi: ResourceApiClient,
    private readonly freshAccessToken: FreshAccessTokenService,
    private readonly csrf: CsrfService,
  ) {}

  async render(req: Request, res: Response): Promise<string> {
    const flash = req.session.flash;
    delete req.session.flash;
    if (req.session.connection === undefined) {
      return notConnectedPage({ flash });
    }
    const notes = await this.freshAccessToken.call(req, req.session.connection, (accessToken) =>
      this.resourceApi.listNotes(req, accessToken),
    );
    if (notes.kind === 'ended') {
      return notConnectedPage({ flash: notes.message });
    }
    return connectedPage({
      flash,
      notice: notes.notice,
      connection: notes.connection,
      notes: notes.result,
      accessToken: decodeAccessTokenForDisplay(notes.connection.accessToken),
      ...signedInView(req.session.signedInUser),
      csrfToken: this.csrf.tokenFor(req, res),
      now: nowInSeconds(),
    });
  }
}

/** The id_token was verified at login (oidc/id-token-verifier.ts); here it is only shown. */
function signedInView(
  user: SignedInUser | undefined,
): Pick<ConnectedView, 'idToken' | 'signedInAs'> {
  if (user === undefined) {
    return { idToken: null, signedInAs: null };
  }
  const { name, preferred_username: username, sub } = user.claims;
  return {
    idToken: decodeAccessTokenForDisplay(user.idToken),
    signedInAs: name ?? username ?? sub,
  };
}
