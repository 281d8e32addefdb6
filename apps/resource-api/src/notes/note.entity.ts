import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A note: the protected resource. It belongs to one resource owner, the `sub` of their tokens. */
@Entity({ name: 'notes' })
@Index('notes_owner_created', ['ownerSub', 'createdAt'])
export class NoteEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** The resource owner's subject identifier, as login-ui issues it and the access token carries it. */
  @Column({ name: 'owner_sub', type: 'text' })
  ownerSub!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** ISO 8601 with milliseconds, so text order is time order. */
  @Column({ name: 'created_at', type: 'text' })
  createdAt!: string;
}
