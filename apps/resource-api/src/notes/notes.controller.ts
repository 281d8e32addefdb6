import { Body, Controller, Get, Post } from '@nestjs/common';
import { Authenticated, CurrentPrincipal, type Principal } from '@oauth-flow-lab/resource-guards';
import { CreateNoteDto } from './create-note.dto';
import type { Note, NoteStats } from '@oauth-flow-lab/contracts';
import { NotesService } from './notes.service';

/**
 * Step 6: the protected resource. Each route first validates the access token and its scope
 * (@Authenticated, RFC 6750 / RFC 9068 §4), then serves the notes of the token's `sub`.
 */
@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  /** GET /notes: the caller's notes, newest first. Scope notes:read. */
  @Get()
  @Authenticated({ scopes: ['notes:read'] })
  list(@CurrentPrincipal() principal: Principal): Promise<Note[]> {
    return this.notes.listFor(principal.sub);
  }

  /**
   * GET /notes/stats: notes per user and in all, for a machine client (client_credentials, RFC 6749
   * §4.4) whose token speaks for itself, not for a user. Scope notes:stats, which no user token has.
   */
  @Get('stats')
  @Authenticated({ scopes: ['notes:stats'] })
  stats(): Promise<NoteStats> {
    return this.notes.stats();
  }

  /** POST /notes {title, body}: creates a note for the caller, 201 with the note. Scope notes:write. */
  @Post()
  @Authenticated({ scopes: ['notes:write'] })
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateNoteDto): Promise<Note> {
    return this.notes.create(principal.sub, input);
  }
}
