import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CsrfService } from '../csrf/csrf.service';
import { ResourceApiClient } from '../notes/resource-api.client';
import { decodeAccessTokenForDisplay } from './access-token-display';
import { connectedPage } from './connected.page';
import { notConnectedPage } from './not-connected.page';

/** GET /: before step 1 an explanation and Connect; once connected, step 5. */
@Injectable()
export class HomeService {
  constructor(
    private readonly resourceApi: ResourceApiClient,
    private readonly csrf: CsrfService,
  ) {}

  async render(req: Request, res: Response): Promise<string> {
    const flash = req.session.flash;
    delete req.session.flash;
    const connection = req.session.connection;
    if (connection === undefined) {
      return notConnectedPage({ flash });
    }
    return connectedPage({
      flash,
      connection,
      notes: await this.resourceApi.listNotes(connection.accessToken),
      accessToken: decodeAccessTokenForDisplay(connection.accessToken),
      csrfToken: this.csrf.tokenFor(req, res),
      now: Math.floor(Date.now() / 1000),
    });
  }
}
