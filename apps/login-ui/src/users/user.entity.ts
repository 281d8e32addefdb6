import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A resource owner: the person who signs in on login-ui. `id` is the subject identifier that
 * login-ui hands to auth-server when it accepts a login; it becomes the `sub` of every token.
 */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', unique: true })
  username!: string;

  /** Display name, sent to auth-server as the `name` claim (OIDC Core §5.1). */
  @Column({ type: 'text' })
  name!: string;

  /** See PasswordHasher for the format. Never the password itself. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  /** Epoch seconds. */
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;
}
