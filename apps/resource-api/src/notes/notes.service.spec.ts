import type { Repository } from 'typeorm';
import type { NoteEntity } from './note.entity';
import { NotesService } from './notes.service';
import { StatsCache } from './stats-cache';
import type { StatsQuery, StatsRow } from './stats-query';

const statsCache = () => new StatsCache(5);

/** GET /notes/stats's answer from the rows either database returns, in whatever order. */
describe('NotesService.stats', () => {
  const statsOf = (rows: StatsRow[]) => {
    const query = { run: () => Promise.resolve(rows) } as unknown as StatsQuery;
    return new NotesService({} as Repository<NoteEntity>, query, statsCache()).stats();
  };

  it('orders the owners by code unit, whatever order the database answered in', async () => {
    const stats = await statsOf([
      { sub: 'amy', count: 1 },
      { sub: 'b7e4d913', count: 2 },
      { sub: 'Zed', count: 1 },
    ]);
    expect(stats.notes_per_user.map(({ sub }) => sub)).toEqual(['Zed', 'amy', 'b7e4d913']);
  });

  it('reads PostgreSQL’s COUNT(*), a bigint its driver returns as a string, as a number', async () => {
    const stats = await statsOf([
      { sub: 'amy', count: '2' },
      { sub: 'bob', count: '3' },
    ]);
    expect(stats).toEqual({
      notes_per_user: [
        { sub: 'amy', count: 2 },
        { sub: 'bob', count: 3 },
      ],
      total: 5,
    });
  });
});

describe('NotesService: stats and a note written', () => {
  it('counts a note created through the service in the next stats, though their answer is reused', async () => {
    const rows: StatsRow[] = [{ sub: 'amy', count: 1 }];
    const query = { run: () => Promise.resolve(rows.map((row) => ({ ...row }))) };
    const repository = {
      create: (note: NoteEntity) => note,
      insert: (note: NoteEntity) => {
        rows[0] = { sub: note.ownerSub, count: Number(rows[0].count) + 1 };
        return Promise.resolve();
      },
    };
    const service = new NotesService(
      repository as unknown as Repository<NoteEntity>,
      query as unknown as StatsQuery,
      statsCache(),
    );

    expect((await service.stats()).total).toBe(1);
    expect((await service.stats()).total).toBe(1);
    await service.create('amy', { title: 'Second', body: 'written here' });

    expect((await service.stats()).total).toBe(2);
  });
});
