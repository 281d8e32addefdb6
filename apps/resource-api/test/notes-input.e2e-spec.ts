import request from 'supertest';
import { ALICE_SUB, BOB_SUB } from '../src/seeds/notes.seed';
import { accessToken } from './fixtures/access-tokens';
import { MODES, useResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/** POST /notes bodies: validated, size-limited, and never a 500 whatever the client sends. */
describe.each(MODES)('resource-api: POST /notes input (TOKEN_VALIDATION=%s)', (mode) => {
  const key = createSigningKey('key-1');
  const sut = useResourceApi([key], mode);

  const postNote = () =>
    request(sut.app.getHttpServer())
      .post('/notes')
      .set('Authorization', `Bearer ${accessToken(key, { claims: { sub: ALICE_SUB } })}`);

  it.each([
    ['no title', { body: 'b' }, 'title must be a string'],
    [
      'an empty title',
      { title: '', body: 'b' },
      'title must be longer than or equal to 1 characters',
    ],
    [
      'a title of 201 characters',
      { title: 'x'.repeat(201), body: 'b' },
      'title must be shorter than or equal to 200 characters',
    ],
    [
      'a body of 5001 characters',
      { title: 't', body: 'x'.repeat(5001) },
      'body must be shorter than or equal to 5000 characters',
    ],
    ['a number as title', { title: 42, body: 'b' }, 'title must be a string'],
    // PostgreSQL refuses NUL in text (a 500 before, found by the fuzz suite under test:scale).
    [
      'a NUL in the title',
      { title: 'a\u0000b', body: 'b' },
      'title must not contain a NUL character',
    ],
    ['a NUL in the body', { title: 't', body: '\u0000' }, 'body must not contain a NUL character'],
    [
      'an unknown property',
      { title: 't', body: 'b', owner_sub: BOB_SUB },
      'property owner_sub should not exist',
    ],
  ])('validation error (%s) -> 400 with messages', async (_case, input, message) => {
    const response = await postNote().send(input).expect(400);
    expect((response.body as { message: string[] }).message).toContain(message);
  });

  it('malformed JSON -> 400 JSON with a message, never 500', async () => {
    const response = await postNote()
      .set('Content-Type', 'application/json')
      .send('{"title": "t", "body": ')
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON',
    });
  });

  it('a JSON body that is not an object -> 400', async () => {
    await postNote().set('Content-Type', 'application/json').send('[1,2]').expect(400);
  });

  it('a body over 64kb -> 413 JSON (Fastify stops reading it)', async () => {
    const response = await postNote()
      .send({ title: 't', body: 'x'.repeat(80 * 1024) })
      .expect(413);
    expect(response.body).toEqual({ statusCode: 413, message: 'Request body is too large' });
  });

  it('a __proto__ key -> 400 JSON naming it, never a polluted prototype', async () => {
    const response = await postNote()
      .set('Content-Type', 'application/json')
      .send('{"title": "t", "body": "b", "__proto__": {"admin": true}}')
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is refused: Object contains forbidden prototype property',
    });
  });

  it('an unsupported charset -> 415 JSON, never 500', async () => {
    const response = await postNote()
      .set('Content-Type', 'application/json; charset=klingon')
      .send('{}')
      .expect(415);
    expect(response.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'unsupported charset "KLINGON"',
    });
  });

  it.each([
    ['an array 5 000 levels deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a title nested 2 000 objects deep', `{"title":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`],
  ])('%s (well under 64kb) -> 400 JSON, never 500', async (_label, body) => {
    const response = await postNote().set('Content-Type', 'application/json').send(body);
    expect({ status: response.status, body: response.body as unknown }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is nested deeper than 16 levels',
      },
    });
  });
});
