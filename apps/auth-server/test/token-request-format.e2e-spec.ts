import request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode, type IssuedCode } from './fixtures/authorization-flow';
import { expectJsonError } from './fixtures/expectations';
import { basicAuthorization } from './fixtures/token-request';

/**
 * The shape of a token request (RFC 6749 §3.2): a POST with an application/x-www-form-urlencoded
 * body of flat, single-valued parameters, within the size limit. Anything else is a 4xx JSON error,
 * never a 500.
 */
describe('POST /token: request format', () => {
  let sut: TestAuthServer;
  let authorization: string;

  beforeAll(async () => {
    sut = await startAuthServer();
    authorization = basicAuthorization('client-web', sut.config.seed.clientWebSecret);
  });
  afterAll(() => sut.close());

  const form = (issued: IssuedCode) =>
    new URLSearchParams({
      grant_type: 'authorization_code',
      code: issued.code,
      redirect_uri: issued.redirectUri,
      code_verifier: issued.verifier,
    }).toString();

  const post = (contentType: string, body: string | object) =>
    request(sut.publicServer)
      .post('/token')
      .set('Authorization', authorization)
      .set('Content-Type', contentType)
      .send(body);

  describe('case 23: not a form body, or not a POST -> 400 invalid_request', () => {
    it('case 23: a JSON body', async () => {
      const issued = await authorizeAndGetCode(sut);
      const json = Object.fromEntries(new URLSearchParams(form(issued)));
      expectJsonError(await post('application/json', json), 400, 'invalid_request');
    });

    it.each([
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencodedx',
    ])('case 23: a form body labelled %s', async (contentType) => {
      const issued = await authorizeAndGetCode(sut);
      expectJsonError(await post(contentType, form(issued)), 400, 'invalid_request');
    });

    it('case 23: GET /token, even with every parameter in the query', async () => {
      const issued = await authorizeAndGetCode(sut);
      const response = await request(sut.publicServer)
        .get(`/token?${form(issued)}`)
        .set('Authorization', authorization);
      expectJsonError(response, 400, 'invalid_request');
    });

    it.each([
      ['code[$gt]=x instead of code', (f: string) => f.replace(/(^|&)code=/, '$1code[$gt]=')],
      ['code[]=x instead of code', (f: string) => f.replace(/(^|&)code=/, '$1code[]=')],
      ['scope[a]=b added', (f: string) => `${f}&scope[a]=b`],
      ['an encoded bracket name, scope%5Ba%5D=b, added', (f: string) => `${f}&scope%5Ba%5D=b`],
      ['code sent twice', (f: string) => `${f}&code=other`],
      ['code sent twice with the same value', (f: string) => `${f}&${f.split('&')[1]}`],
      ['grant_type sent twice', (f: string) => `${f}&grant_type=authorization_code`],
      ['an unknown parameter sent twice', (f: string) => `${f}&x=1&x=2`],
    ])('case 23: %s', async (_label, tamper) => {
      const issued = await authorizeAndGetCode(sut);
      const body = tamper(form(issued));
      expectJsonError(
        await post('application/x-www-form-urlencoded', body),
        400,
        'invalid_request',
      );
    });
  });

  describe('case 24: oversized or malformed bodies -> a 4xx JSON error, never 500', () => {
    it('case 24: a body over 64 KiB -> 413 invalid_request', async () => {
      const issued = await authorizeAndGetCode(sut);
      const body = `${form(issued)}&padding=${'a'.repeat(64 * 1024)}`;
      expectJsonError(
        await post('application/x-www-form-urlencoded', body),
        413,
        'invalid_request',
      );
    });

    it('case 24: more than 1000 parameters -> 413 invalid_request', async () => {
      const body = Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&');
      expectJsonError(
        await post('application/x-www-form-urlencoded', body),
        413,
        'invalid_request',
      );
    });

    it('case 24: malformed percent-encoding -> 400, read as the literal characters', async () => {
      const issued = await authorizeAndGetCode(sut);
      const body = `${form(issued).replace(/code=[^&]+/, 'code=%ZZ%E0%A4%A')}&%=%`;
      expectJsonError(await post('application/x-www-form-urlencoded', body), 400, 'invalid_grant');
    });

    it('case 24: a body that does not match its Content-Encoding -> 400 invalid_request', async () => {
      const issued = await authorizeAndGetCode(sut);
      const response = await post('application/x-www-form-urlencoded', form(issued)).set(
        'Content-Encoding',
        'gzip',
      );
      expectJsonError(response, 400, 'invalid_request');
    });

    it('case 24: a charset the server cannot read -> 400 invalid_request (RFC 6749 §5.2)', async () => {
      const issued = await authorizeAndGetCode(sut);
      const contentType = 'application/x-www-form-urlencoded; charset=koi8-r';
      expectJsonError(await post(contentType, form(issued)), 400, 'invalid_request');
    });
  });
});
