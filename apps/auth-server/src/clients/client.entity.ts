import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered client (RFC 6749 §2). Seeded in seeds/clients.seed.ts. */
@Entity({ name: 'clients' })
export class ClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ name: 'client_name', type: 'text' })
  clientName!: string;

  /** HMAC-SHA-256 of the secret under CLIENT_SECRET_PEPPER (client-secret.ts); never the secret itself. */
  @Column({ name: 'secret_digest', type: 'text' })
  secretDigest!: string;

  /** Exact redirect URIs (RFC 9700 §2.1: compared by simple string comparison). */
  @Column({ name: 'redirect_uris', type: 'simple-json' })
  redirectUris!: string[];

  @Column({ name: 'grant_types', type: 'simple-json' })
  grantTypes!: string[];

  /** The scopes this client may request. */
  @Column({ name: 'allowed_scopes', type: 'simple-json' })
  allowedScopes!: string[];

  /**
   * Set for a resource server's registration: its identifier (the `aud` of the access tokens meant
   * for it, ACCESS_TOKEN_AUDIENCE). It may then introspect those tokens whichever client they were
   * issued to (introspection/may-introspect.ts). Null for an ordinary client.
   */
  @Column({ name: 'introspects_audience', type: 'text', nullable: true })
  introspectsAudience!: string | null;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;
}
