import type { Note } from '@oauth-flow-lab/contracts';
import request from 'supertest';
import { ALICE_SUB, BOB_SUB, NOTE_SEEDS } from '../src/seeds/notes.seed';
import { accessToken } from './fixtures/access-tokens';
import { MODES, useResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/** Step 6: once the token is valid, the notes of its `sub`, within its scopes. */
describe.each(MODES)('resource-api: /notes (TOKEN_VALIDATION=%s)', (mode) => {
  const key = createSigningKey('key-1');
  const sut = useResourceApi([key], mode);

  const tokenFor = (sub: string, scope = 'openid notes:read notes:write') =>
    accessToken(key, { claims: { sub, scope } });
  const getNotes = (token: string) =>
    request(sut.app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);
  const postNote = (token: string) =>
    request(sut.app.getHttpServer()).post('/notes').set('Authorization', `Bearer ${token}`);

  it("alice's token lists only alice's notes, newest first", async () => {
    const response = await getNotes(tokenFor(ALICE_SUB, 'notes:read')).expect(200);
    const notes = response.body as Note[];
    expect(notes.map((note) => note.title)).toEqual([
      "Alice's note: tea at six",
      "Alice's note: down the rabbit hole",
    ]);
    expect(notes.every((note) => note.owner_sub === ALICE_SUB)).toBe(true);
  });

  it("bob's token lists only bob's notes", async () => {
    const response = await getNotes(tokenFor(BOB_SUB)).expect(200);
    const bobs = NOTE_SEEDS.filter((seed) => seed.ownerSub === BOB_SUB).map((seed) => seed.id);
    expect((response.body as Note[]).map((note) => note.id).sort()).toEqual(bobs.sort());
  });

  it('a subject without notes gets an empty list', async () => {
    await getNotes(tokenFor('someone-else')).expect(200, []);
  });

  it('POST creates a note for the caller and it appears first in their GET', async () => {
    const created = await postNote(tokenFor(BOB_SUB))
      .send({ title: 'Bob: new note', body: 'Written through the API' })
      .expect(201);
    const note = created.body as Note;
    expect(note).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      owner_sub: BOB_SUB,
      title: 'Bob: new note',
      body: 'Written through the API',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    const bobs = (await getNotes(tokenFor(BOB_SUB)).expect(200)).body as Note[];
    expect(bobs[0]).toEqual(note);
    const alices = (await getNotes(tokenFor(ALICE_SUB)).expect(200)).body as Note[];
    expect(alices.map((n) => n.id)).not.toContain(note.id);
  });

  it('case 32: valid token without notes:read -> 403 insufficient_scope with scope attribute', async () => {
    const response = await getNotes(tokenFor(ALICE_SUB, 'openid notes:write')).expect(403);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="http://localhost:3003", error="insufficient_scope", ' +
        'error_description="This resource requires the scope notes:read", scope="notes:read"',
    );
    expect(response.body).toEqual({
      error: 'insufficient_scope',
      error_description: 'This resource requires the scope notes:read',
    });
  });

  it('case 32: valid token without notes:write -> 403 on POST, nothing created', async () => {
    const response = await postNote(tokenFor(ALICE_SUB, 'notes:read'))
      .send({ title: 'sneaky', body: 'should not be stored' })
      .expect(403);
    expect(response.headers['www-authenticate']).toContain('scope="notes:write"');
    const notes = (await getNotes(tokenFor(ALICE_SUB)).expect(200)).body as Note[];
    expect(notes.map((note) => note.title)).not.toContain('sneaky');
  });
});
