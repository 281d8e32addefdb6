import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key pair auth-server signs access tokens with. Created on first start and kept in the database so
 * tokens signed before a restart still verify after it. Only the public half is ever published (JWKS).
 */
@Entity({ name: 'signing_keys' })
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
}
