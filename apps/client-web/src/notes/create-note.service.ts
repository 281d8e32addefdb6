import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NewNoteSchema } from '@oauth-flow-lab/contracts';
import { FreshAccessTokenService } from '../tokens/fresh-access-token.service';
import { ResourceApiClient } from './resource-api.client';

/**
 * Step 5 with a write: POST /notes on resource-api needs the notes:write scope. The outcome is
 * left as a one-time message for the home page the browser is sent back to.
 */
@Injectable()
export class CreateNoteService {
  constructor(
    private readonly resourceApi: ResourceApiClient,
    private readonly freshAccessToken: FreshAccessTokenService,
  ) {}

  async create(req: Request, form: unknown): Promise<void> {
    req.session.flash = await this.attempt(req, form);
  }

  private async attempt(req: Request, form: unknown): Promise<string> {
    const connection = req.session.connection;
    if (connection === undefined) {
      return 'Connect first: Notes Reader has no access token yet.';
    }
    const note = NewNoteSchema.safeParse(form);
    if (!note.success) {
      return note.error.issues[0]?.message ?? 'The note is not valid.';
    }
    // A 401 means the note was not created, so repeating the call after a refresh is safe.
    const created = await this.freshAccessToken.call(req, connection, (accessToken) =>
      this.resourceApi.createNote(req, accessToken, note.data),
    );
    if (created.kind === 'ended') {
      return created.message;
    }
    const notice = created.notice === undefined ? '' : `${created.notice} `;
    switch (created.result.kind) {
      case 'ok':
        return `${notice}Note "${note.data.title}" created.`;
      case 'token-rejected':
        return `${notice}resource-api rejected the access token (expired or revoked?). Connect again.`;
      case 'insufficient-scope':
        return `${notice}The access token does not carry the notes:write scope, so the note was not created.`;
      case 'unavailable':
        return `${notice}The note was not created: ${created.result.reason}`;
    }
  }
}
