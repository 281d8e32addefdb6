import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { CreateNoteDto } from './create-note.dto';
import { NoteEntity } from './note.entity';
import type { Note, NoteStats } from '@oauth-flow-lab/contracts';
import { toNoteView } from './note.view';
import { StatsCache } from './stats-cache';
import { StatsQuery } from './stats-query';

/**
 * The notes of one resource owner. The owner is always the token's `sub`, never a parameter of the
 * request: a client can only reach the notes of the user who authorized it.
 */
@Injectable()
export class NotesService {
  constructor(
    @InjectRepository(NoteEntity) private readonly notes: Repository<NoteEntity>,
    private readonly statsQuery: StatsQuery,
    private readonly statsCache: StatsCache,
  ) {}

  /** The owner's notes, newest first. */
  async listFor(ownerSub: string): Promise<Note[]> {
    const notes = await this.notes.find({
      where: { ownerSub },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return notes.map(toNoteView);
  }

  /**
   * How many notes each owner has, ordered by owner (by code unit, the same on every database);
   * counts only, no titles or bodies. One SQL statement, run as written (stats-query.ts):
   * TypeORM's query builder spent more CPU building it on every request than the database spent
   * answering it (bench/README.md, "Issue 17"). The answer is reused until a note is written
   * here, and for NOTES_STATS_CACHE_SECONDS at most (stats-cache.ts).
   */
  stats(): Promise<NoteStats> {
    return this.statsCache.get(() => this.countNotes());
  }

  private async countNotes(): Promise<NoteStats> {
    const rows = await this.statsQuery.run();
    const notesPerUser = rows
      .map((row) => ({ sub: row.sub, count: Number(row.count) }))
      .sort((a, b) => (a.sub < b.sub ? -1 : a.sub > b.sub ? 1 : 0));
    return {
      notes_per_user: notesPerUser,
      total: notesPerUser.reduce((sum, row) => sum + row.count, 0),
    };
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
    this.statsCache.invalidate();
    return toNoteView(note);
  }
}
