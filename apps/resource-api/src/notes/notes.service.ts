import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { CreateNoteDto } from './create-note.dto';
import { NoteEntity } from './note.entity';
import type { Note } from '@oauth-flow-lab/contracts';
import { toNoteView } from './note.view';

/**
 * The notes of one resource owner. The owner is always the token's `sub`, never a parameter of the
 * request: a client can only reach the notes of the user who authorized it.
 */
@Injectable()
export class NotesService {
  constructor(@InjectRepository(NoteEntity) private readonly notes: Repository<NoteEntity>) {}

  /** The owner's notes, newest first. */
  async listFor(ownerSub: string): Promise<Note[]> {
    const notes = await this.notes.find({
      where: { ownerSub },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return notes.map(toNoteView);
  }

  async create(ownerSub: string, input: CreateNoteDto): Promise<Note> {
    const note = this.notes.create({
      id: randomUUID(),
      ownerSub,
      title: input.title,
      body: input.body,
      createdAt: new Date().toISOString(),
    });
    await this.notes.insert(note);
    return toNoteView(note);
  }
}
