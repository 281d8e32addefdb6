import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ResourceApiConfig } from '../config/resource-api.config';
import { NotesSeeder } from '../seeds/notes.seeder';
import { NoteEntity } from './note.entity';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';
import { StatsCache } from './stats-cache';
import { StatsQuery } from './stats-query';

@Module({})
export class NotesModule {
  static register(config: ResourceApiConfig['notes']): DynamicModule {
    return {
      module: NotesModule,
      imports: [TypeOrmModule.forFeature([NoteEntity])],
      controllers: [NotesController],
      providers: [
        NotesService,
        StatsQuery,
        { provide: StatsCache, useValue: new StatsCache(config.statsCacheSeconds) },
        NotesSeeder,
      ],
    };
  }
}
