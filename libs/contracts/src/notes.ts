import { z } from 'zod';

/**
 * The notes API of resource-api (step 6), as client-web calls it in step 5:
 *   GET  /notes   (scope notes:read)  -> Note[] of the caller, newest first
 *   POST /notes   (scope notes:write) NewNote -> 201 Note
 */
export const NoteSchema = z.object({
  id: z.string(),
  owner_sub: z.string(),
  title: z.string(),
  body: z.string(),
  created_at: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

export const NoteListSchema = z.array(NoteSchema);

export const NOTE_TITLE_MAX_LENGTH = 200;
export const NOTE_BODY_MAX_LENGTH = 5000;

/** The body of POST /notes. */
export const NewNoteSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'A note needs a title.')
    .max(NOTE_TITLE_MAX_LENGTH, 'The title is too long.'),
  body: z
    .string()
    .trim()
    .min(1, 'A note needs some text.')
    .max(NOTE_BODY_MAX_LENGTH, 'The text is too long.'),
});
export type NewNote = z.infer<typeof NewNoteSchema>;
