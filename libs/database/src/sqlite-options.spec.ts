import { DataSource, QueryFailedError } from 'typeorm';
import { sqliteOptions } from './sqlite-options';

describe(sqliteOptions.name, () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = new DataSource(
      sqliteOptions({ database: ':memory:', entities: [], migrations: [] }),
    );
    await dataSource.initialize();
  });

  afterEach(() => dataSource.destroy());

  it('keeps sqlite3 out of verbose mode, which traced and inspected every call', async () => {
    const failure = await dataSource
      .query('SELECT * FROM no_such_table WHERE id = ?', ['a-parameter'])
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(QueryFailedError);
    const { driverError } = failure as QueryFailedError<Error>;
    const stack = driverError.stack ?? '';
    expect(stack).toContain('no such table: no_such_table');
    // sqlite3's trace.js appends "--> in Database#all('SELECT …', [ 'a-parameter' ], …)".
    expect(stack).not.toContain('--> in Database#');
    expect(stack).not.toContain('a-parameter');
  });
});
