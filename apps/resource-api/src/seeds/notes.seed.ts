/**
 * The demo notes, two for each seeded user. The subjects are the user ids login-ui issues (and
 * auth-server puts in `sub`), so once alice connects client-web she sees exactly her two notes.
 * Applied at every start by NotesSeeder, which inserts the ones missing (by id).
 */
export const ALICE_SUB = '3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14';
export const BOB_SUB = 'b7e4d913-2c58-4f06-a3d9-51e8c7a2f630';

export interface NoteSeed {
  id: string;
  ownerSub: string;
  title: string;
  body: string;
  createdAt: string;
}

export const NOTE_SEEDS: readonly NoteSeed[] = [
  {
    id: '0b6a3c1e-5f2d-4e8a-9c7b-1a2b3c4d5e01',
    ownerSub: ALICE_SUB,
    title: "Alice's note: down the rabbit hole",
    body: 'This note belongs to Alice. If you can read it, resource-api accepted an access token whose sub is Alice.',
    createdAt: '2026-01-01T09:00:00.000Z',
  },
  {
    id: '0b6a3c1e-5f2d-4e8a-9c7b-1a2b3c4d5e02',
    ownerSub: ALICE_SUB,
    title: "Alice's note: tea at six",
    body: "Alice again: tea with the Hatter and the March Hare, always at six o'clock.",
    createdAt: '2026-01-02T16:00:00.000Z',
  },
  {
    id: '0b6a3c1e-5f2d-4e8a-9c7b-1a2b3c4d5e03',
    ownerSub: BOB_SUB,
    title: "Bob's note: can we fix it?",
    body: 'This note belongs to Bob the Builder. Alice never sees it: notes are served by the sub of the token.',
    createdAt: '2026-01-01T08:00:00.000Z',
  },
  {
    id: '0b6a3c1e-5f2d-4e8a-9c7b-1a2b3c4d5e04',
    ownerSub: BOB_SUB,
    title: "Bob's note: shopping list",
    body: 'Bob here: bricks, cement, and a new hard hat for Scoop.',
    createdAt: '2026-01-03T07:30:00.000Z',
  },
];
