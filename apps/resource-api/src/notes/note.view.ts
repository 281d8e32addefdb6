import type { NoteEntity } from './note.entity';

/** A note as GET /notes and POST /notes return it (JSON, snake_case like the rest of the protocol). */
export interface NoteView {
  id: string;
  owner_sub: string;
  title: string;
  body: string;
  created_at: string;
}

export function toNoteView(note: NoteEntity): NoteView {
  return {
    id: note.id,
    owner_sub: note.ownerSub,
    title: note.title,
    body: note.body,
    created_at: note.createdAt,
  };
}
