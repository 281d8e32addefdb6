import { z } from 'zod';

/**
 * The notes API of resource-api (step 6), as client-web calls it in step 5:
 *   GET  /notes   (scope notes:read)  -> Note[] of the caller, newest first
 *   POST /notes   (scope notes:write) NewNote -> 201 Note
 *   GET  /notes/stats (scope notes:stats, a machine client's token) -> NoteStats
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

/** GET /notes/stats: how many notes each user has, and in all. Counts only, never a note's content. */
export const NoteStatsSchema = z.object({
  notes_per_user: z.array(z.object({ sub: z.string(), count: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
});
export type NoteStats = z.infer<typeof NoteStatsSchema>;
