import type { HttpRequest } from '../http/http-request';
import { clientRequestText } from './client-request-text';

/** The parts of a request clientRequestText reads. */
function aRequest(path: string, body: unknown, authorization?: string): HttpRequest {
  return {
    method: 'POST',
    originalUrl: path,
    body,
    headers: authorization === undefined ? {} : { authorization },
  } as unknown as HttpRequest;
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const code = 'Yt3kq9ZrXw0pL2mN8vB4cD6eF1gH5jK7sQ9uA3xZ0yW';

describe(clientRequestText.name, () => {
  it('names the grant, the client and its authentication method, the code shortened', () => {
    const sut = clientRequestText(
      aRequest(
        '/token',
        { grant_type: 'authorization_code', code, code_verifier: 'v3r1f13r-secret-value' },
        basic('client-web', 'client-web-secret'),
      ),
    );
    expect(sut).toBe(
      'POST /token grant_type=authorization_code client_id=client-web (client_secret_basic) code=Yt3kq9Zr…',
    );
  });

  it('client_secret_post: the client_id from the body, never the secret', () => {
    const sut = clientRequestText(
      aRequest('/token', {
        grant_type: 'client_credentials',
        client_id: 'reporting-service',
        client_secret: 'reporting-service-secret',
        scope: 'notes:stats',
      }),
    );
    expect(sut).toBe(
      'POST /token grant_type=client_credentials client_id=reporting-service (client_secret_post) scope=notes:stats',
    );
  });

  it('says when both methods or none were used, and what a non-Basic header was', () => {
    expect(
      clientRequestText(aRequest('/revoke', { client_secret: 'x' }, basic('client-web', 's'))),
    ).toBe('POST /revoke client_id=client-web (client_secret_basic and client_secret_post)');
    // RFC 6749 §3.2: an empty parameter is an omitted one (passport-oauth2 sends `client_secret=`).
    expect(
      clientRequestText(aRequest('/token', { client_secret: '' }, basic('client-web', 's'))),
    ).toBe('POST /token client_id=client-web (client_secret_basic)');
    expect(clientRequestText(aRequest('/introspect', { token: 'a-token' }))).toBe(
      'POST /introspect (no client authentication)',
    );
    expect(
      clientRequestText(aRequest('/token', { grant_type: 'refresh_token' }, 'Bearer abc.def')),
    ).toBe(
      'POST /token grant_type=refresh_token (Authorization: Bearer …, not client_secret_basic)',
    );
  });

  it('never shows the refresh token or the token being revoked', () => {
    const sut = clientRequestText(
      aRequest(
        '/revoke',
        { token: 'the-refresh-token-value', refresh_token: 'another-refresh-token' },
        basic('client-web', 'client-web-secret'),
      ),
    );
    expect(sut).not.toContain('refresh-token');
    expect(sut).not.toContain('client-web-secret');
  });

  it('reads nothing from a body that was not a form', () => {
    expect(clientRequestText(aRequest('/token', undefined))).toBe(
      'POST /token (no client authentication)',
    );
  });
});
