import type { Note } from '@oauth-flow-lab/contracts';
import type { NoteEntity } from './note.entity';

/** A note as GET /notes and POST /notes return it: the Note contract (snake_case, like the protocol). */
export function toNoteView(note: NoteEntity): Note {
  return {
    id: note.id,
    owner_sub: note.ownerSub,
    title: note.title,
    body: note.body,
    created_at: note.createdAt,
  };
}
