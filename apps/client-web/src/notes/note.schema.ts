import { z } from 'zod';

/**
 * What client-web reads of resource-api's notes (its NoteView: id, owner_sub, title, body,
 * created_at). libs/contracts has no notes contract yet, so only the fields this page shows are
 * declared here; the shape belongs in the contracts lib.
 */
export const NoteSchema = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.string().optional(),
  body: z.string().optional(),
});
export type Note = z.infer<typeof NoteSchema>;

/** GET /notes answers a JSON array of the caller's notes. */
export const NoteListSchema = z.array(NoteSchema);

/** The "Create a note" form, and the JSON body sent to resource-api's POST /notes. */
export const NewNoteSchema = z.object({
  title: z.string().trim().min(1, 'A note needs a title.').max(200, 'The title is too long.'),
  body: z.string().trim().min(1, 'A note needs some text.').max(5000, 'The text is too long.'),
});
export type NewNote = z.infer<typeof NewNoteSchema>;
