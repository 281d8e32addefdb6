import { InvalidRequest, MissingAccessToken } from '../errors/resource-access.errors';
import { checkBearerRequest } from './check-bearer-request';

function request(parts: { authorization?: string; query?: object; body?: unknown }) {
  return {
    headers: parts.authorization === undefined ? {} : { authorization: parts.authorization },
    query: { ...parts.query },
    body: parts.body,
  };
}

describe(checkBearerRequest.name, () => {
  it('accepts Authorization: Bearer <token>, the scheme in any case', () => {
    expect(checkBearerRequest(request({ authorization: 'Bearer a.b.c' }))).toBe('a.b.c');
    expect(checkBearerRequest(request({ authorization: 'bearer  a.b-c_d' }))).toBe('a.b-c_d');
  });

  it('answers a request without credentials with a bare challenge', () => {
    expect(() => checkBearerRequest(request({}))).toThrow(MissingAccessToken);
  });

  it('treats another scheme as no Bearer credentials at all', () => {
    expect(() => checkBearerRequest(request({ authorization: 'Basic dXNlcjpwYXNz' }))).toThrow(
      MissingAccessToken,
    );
  });

  it.each(['Bearer', 'Bearer ', 'Bearer a b', 'Bearer "quoted"', 'Bearer a.b,c'])(
    'refuses the malformed header %j as invalid_request',
    (authorization) => {
      expect(() => checkBearerRequest(request({ authorization }))).toThrow(InvalidRequest);
    },
  );

  it('refuses a token in the query string, even alongside the header', () => {
    expect(() => checkBearerRequest(request({ query: { access_token: 'a.b.c' } }))).toThrow(
      InvalidRequest,
    );
    expect(() =>
      checkBearerRequest(request({ authorization: 'Bearer a.b.c', query: { access_token: 'x' } })),
    ).toThrow(InvalidRequest);
  });

  it('refuses a token in a form field', () => {
    expect(() => checkBearerRequest(request({ body: { access_token: 'a.b.c' } }))).toThrow(
      InvalidRequest,
    );
  });
});
