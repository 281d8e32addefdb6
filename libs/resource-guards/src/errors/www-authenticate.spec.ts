import { formatBearerChallenge } from './www-authenticate';

describe(formatBearerChallenge.name, () => {
  it('names only the realm when no token was presented (RFC 6750 §3.1)', () => {
    expect(formatBearerChallenge('http://localhost:3003', {})).toBe(
      'Bearer realm="http://localhost:3003"',
    );
  });

  it('lists realm, error, error_description and scope in that order', () => {
    const sut = formatBearerChallenge('notes', {
      error: 'insufficient_scope',
      errorDescription: 'This resource requires the scope notes:write',
      scope: 'notes:write',
    });
    expect(sut).toBe(
      'Bearer realm="notes", error="insufficient_scope", ' +
        'error_description="This resource requires the scope notes:write", scope="notes:write"',
    );
  });

  it('writes quotes, backslashes and control characters as ? so no value leaves its quotes', () => {
    const sut = formatBearerChallenge('r', {
      error: 'invalid_token',
      errorDescription: 'bad "kid" \\ here\r\nSet-Cookie: x=1',
    });
    expect(sut).toBe(
      'Bearer realm="r", error="invalid_token", error_description="bad ?kid? ? here??Set-Cookie: x=1"',
    );
  });

  it('writes characters outside printable ASCII as ?', () => {
    expect(formatBearerChallenge('caf\u00e9', {})).toBe('Bearer realm="caf?"');
  });
});
