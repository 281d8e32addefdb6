import { DataSource } from 'typeorm';
import { serializedTransaction } from './serialized-transaction';
import { sqliteOptions } from './sqlite-options';

describe(serializedTransaction.name, () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = new DataSource(
      sqliteOptions({ database: ':memory:', entities: [], migrations: [] }),
    );
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
    await dataSource.query('INSERT INTO counter (id, value) VALUES (1, 0)');
  });

  afterEach(() => dataSource.destroy());

  it('runs concurrent read-modify-write transactions one after another', async () => {
    const increment = () =>
      serializedTransaction(dataSource, async (manager) => {
        const [row] = await manager.query<{ value: number }[]>(
          'SELECT value FROM counter WHERE id = 1',
        );
        await new Promise((resolve) => setTimeout(resolve, 1));
        await manager.query('UPDATE counter SET value = ? WHERE id = 1', [row.value + 1]);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    const [row] = await dataSource.query<{ value: number }[]>(
      'SELECT value FROM counter WHERE id = 1',
    );
    expect(row.value).toBe(20);
  });

  it('rolls back a failed transaction and keeps serving the next ones', async () => {
    const failing = serializedTransaction(dataSource, async (manager) => {
      await manager.query('UPDATE counter SET value = 100 WHERE id = 1');
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    const value = await serializedTransaction(dataSource, async (manager) => {
      const [row] = await manager.query<{ value: number }[]>(
        'SELECT value FROM counter WHERE id = 1',
      );
      return row.value;
    });
    expect(value).toBe(0);
  });
});
