import { Body, Controller, Post, Redirect, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { CsrfGuard } from '../csrf/csrf.guard';
import { CreateNoteService } from './create-note.service';

/** Step 5: the "Create a note" form posts here; 303 back home, which shows the outcome. */
@Controller('notes')
export class NotesController {
  constructor(private readonly createNote: CreateNoteService) {}

  @Post()
  @UseGuards(CsrfGuard)
  @Redirect('/', 303)
  create(@Req() req: Request, @Body() form: unknown): Promise<void> {
    return this.createNote.create(req, form);
  }
}
