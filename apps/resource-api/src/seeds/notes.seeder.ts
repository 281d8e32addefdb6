import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { underStartUpLock } from '@oauth-flow-lab/database';
import type { Repository } from 'typeorm';
import { NoteEntity } from '../notes/note.entity';
import { NOTE_SEEDS } from './notes.seed';

/** Inserts the seeded notes that are missing. Idempotent: runs at every start. */
@Injectable()
export class NotesSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotesSeeder.name);

  constructor(@InjectRepository(NoteEntity) private readonly notes: Repository<NoteEntity>) {}

  async onApplicationBootstrap(): Promise<void> {
    // Replicas starting together on one PostgreSQL database seed one after the other.
    await underStartUpLock(this.notes.manager.connection, () => this.seedMissingNotes());
  }

  private async seedMissingNotes(): Promise<void> {
    for (const seed of NOTE_SEEDS) {
      if (await this.notes.existsBy({ id: seed.id })) {
        continue;
      }
      await this.notes.insert(seed);
      this.logger.log(`seeded note "${seed.title}"`);
    }
  }
}
