import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A key pair auth-server signs tokens with, kept in the database so tokens signed before a restart
 * still verify after it. Only the public half is ever published (JWKS). Its life (case 38):
 *
 *   created ─ published in the JWKS from then on
 *   activated_at ─ new tokens are signed with it (at most one key is active at a time)
 *   retired_at ─ a newer key took over; it signs nothing more
 *   retired_at + longest token lifetime + margin ─ its last token has expired: it leaves the JWKS
 */
@Entity({ name: 'signing_keys' })
@Index('idx_signing_keys_activated_at', ['activatedAt'])
export class SigningKeyEntity {
  /** RFC 7638 JWK thumbprint of the public key. */
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ type: 'text' })
  alg!: string;

  @Column({ name: 'private_key_pem', type: 'text' })
  privateKeyPem!: string;

  @Column({ name: 'public_jwk', type: 'simple-json' })
  publicJwk!: { kty: string; n: string; e: string };

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  /** Epoch seconds from which new tokens are signed with this key (may be ahead: pre-published). */
  @Column({ name: 'activated_at', type: 'integer', nullable: true })
  activatedAt!: number | null;

  /** Epoch seconds from which a newer key signs instead; null while it is the newest key. */
  @Column({ name: 'retired_at', type: 'integer', nullable: true })
  retiredAt!: number | null;
}
