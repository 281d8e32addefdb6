import type { Repository } from 'typeorm';
import type { NoteEntity } from './note.entity';
import { NotesService } from './notes.service';
import type { StatsQuery, StatsRow } from './stats-query';

/** GET /notes/stats's answer from the rows either database returns, in whatever order. */
describe('NotesService.stats', () => {
  const statsOf = (rows: StatsRow[]) => {
    const query = { run: () => Promise.resolve(rows) } as unknown as StatsQuery;
    return new NotesService({} as Repository<NoteEntity>, query).stats();
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
