import type { MigrationInterface, QueryRunner } from 'typeorm';

/** auth-server's first schema: clients, signing keys, authorization requests, codes, issued tokens. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE clients (
        client_id      TEXT PRIMARY KEY NOT NULL,
        client_name    TEXT NOT NULL,
        secret_digest  TEXT NOT NULL,
        redirect_uris  TEXT NOT NULL,
        grant_types    TEXT NOT NULL,
        allowed_scopes TEXT NOT NULL,
        created_at     INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE signing_keys (
        kid             TEXT PRIMARY KEY NOT NULL,
        alg             TEXT NOT NULL,
        private_key_pem TEXT NOT NULL,
        public_jwk      TEXT NOT NULL,
        created_at      INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE authorization_requests (
        id                       TEXT PRIMARY KEY NOT NULL,
        phase                    TEXT NOT NULL,
        client_id                TEXT NOT NULL,
        redirect_uri             TEXT NOT NULL,
        requested_scope          TEXT NOT NULL,
        state                    TEXT,
        code_challenge           TEXT NOT NULL,
        browser_binding_digest   TEXT NOT NULL,
        login_challenge_digest   TEXT NOT NULL UNIQUE,
        login_verifier_digest    TEXT UNIQUE,
        consent_challenge_digest TEXT UNIQUE,
        consent_verifier_digest  TEXT UNIQUE,
        subject                  TEXT,
        claims                   TEXT,
        auth_time                INTEGER,
        granted_scope            TEXT,
        rejection_error          TEXT,
        rejection_description    TEXT,
        created_at               INTEGER NOT NULL,
        expires_at               INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE authorization_codes (
        code_digest    TEXT PRIMARY KEY NOT NULL,
        client_id      TEXT NOT NULL,
        redirect_uri   TEXT NOT NULL,
        code_challenge TEXT NOT NULL,
        subject        TEXT NOT NULL,
        scope          TEXT NOT NULL,
        auth_time      INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        consumed_at    INTEGER,
        created_at     INTEGER NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE issued_access_tokens (
        jti         TEXT PRIMARY KEY NOT NULL,
        code_digest TEXT,
        client_id   TEXT NOT NULL,
        subject     TEXT NOT NULL,
        scope       TEXT NOT NULL,
        expires_at  INTEGER NOT NULL,
        revoked_at  INTEGER,
        created_at  INTEGER NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_issued_access_tokens_code ON issued_access_tokens (code_digest)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'issued_access_tokens',
      'authorization_codes',
      'authorization_requests',
      'signing_keys',
      'clients',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
