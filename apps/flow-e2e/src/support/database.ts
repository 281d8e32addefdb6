import { join } from 'node:path';
import sqlite3 from 'sqlite3';

/** Reads a service's sqlite file (read-only), to check what a step left behind. */
export function queryDatabase<Row>(
  dataDir: string,
  service: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(
      join(dataDir, `${service}.sqlite`),
      sqlite3.OPEN_READONLY,
      (openError) => {
        if (openError) {
          reject(openError);
          return;
        }
        db.all<Row>(sql, params, (queryError, rows) => {
          db.close();
          if (queryError) {
            reject(queryError);
          } else {
            resolve(rows);
          }
        });
      },
    );
  });
}
