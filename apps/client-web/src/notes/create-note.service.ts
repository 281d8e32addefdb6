import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NewNoteSchema } from '@oauth-flow-lab/contracts';
import { ResourceApiClient } from './resource-api.client';

/**
 * Step 5 with a write: POST /notes on resource-api needs the notes:write scope. The outcome is
 * left as a one-time message for the home page the browser is sent back to.
 */
@Injectable()
export class CreateNoteService {
  constructor(private readonly resourceApi: ResourceApiClient) {}

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
    const result = await this.resourceApi.createNote(connection.accessToken, note.data);
    switch (result.kind) {
      case 'ok':
        return `Note "${note.data.title}" created.`;
      case 'token-rejected':
        return 'resource-api rejected the access token (expired or revoked?). Connect again.';
      case 'insufficient-scope':
        return 'The access token does not carry the notes:write scope, so the note was not created.';
      case 'unavailable':
        return `The note was not created: ${result.reason}`;
    }
  }
}
