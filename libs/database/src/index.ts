// The embedded database every app uses: sqlite through TypeORM, configured once.
export { serializedTransaction } from './serialized-transaction';
export { sqliteOptions, type SqliteSettings } from './sqlite-options';
