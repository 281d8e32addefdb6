import {
  PASSWORD_MASK,
  redactClaims,
  redactForm,
  redactParameter,
  redactUrl,
  shorten,
} from './secrets';

describe(shorten.name, () => {
  it('keeps a recognisable prefix of 8 characters and marks the cut', () => {
    expect(shorten('k6l_pdzIk24sTdDldKFtVR2K6yHYRmuS2M6yTTTVxSM')).toBe('k6l_pdzI…');
  });

  it('never shows more than half of a short secret', () => {
    expect(shorten('abcdef')).toBe('abc…');
    expect(shorten('a')).toBe('…');
  });
});

describe(redactParameter.name, () => {
  it.each([
    ['code'],
    ['state'],
    ['code_challenge'],
    ['login_challenge'],
    ['consent_challenge'],
    ['login_verifier'],
    ['consent_verifier'],
  ])('shortens %s', (name) => {
    expect(redactParameter(name, '0123456789abcdef')).toBe('01234567…');
  });

  it('masks the password entirely', () => {
    expect(redactParameter('password', 'wonderland')).toBe(PASSWORD_MASK);
  });

  it('leaves the public parameters alone', () => {
    expect(redactParameter('client_id', 'client-web')).toBe('client-web');
    expect(redactParameter('code_challenge_method', 'S256')).toBe('S256');
  });
});

describe(redactUrl.name, () => {
  it('shortens the secrets of an authorization response and keeps the rest readable', () => {
    const sut = redactUrl(
      'http://localhost:3002/callback?code=5iutfQXQ0123456789&state=c5zLHSFh0123456789&iss=http%3A%2F%2Flocalhost%3A3000',
    );
    expect(sut).toBe(
      'http://localhost:3002/callback?code=5iutfQXQ…&state=c5zLHSFh…&iss=http://localhost:3000',
    );
  });

  it('prints a URL without a query as it is', () => {
    expect(redactUrl(new URL('http://localhost:3002/connect'))).toBe(
      'http://localhost:3002/connect',
    );
  });
});

describe(redactForm.name, () => {
  it('shows the username, never the password, and shortens the challenge and CSRF token', () => {
    const sut = redactForm({
      login_challenge: 'GPs1AQeU0123456789',
      _csrf: 'fd43e1330123456789',
      username: 'alice',
      password: 'wonderland',
    });
    expect(sut).toBe('login_challenge=GPs1AQeU…&_csrf=fd43e133…&username=alice&password=••••');
    expect(sut).not.toContain('wonderland');
  });
});

describe(redactClaims.name, () => {
  it('shortens nonce and *_hash claims, keeps the others', () => {
    expect(
      redactClaims({ sub: 'alice-id', nonce: 'xLFQT1lv0123456789', at_hash: 'e8ct0gGF0123456789' }),
    ).toEqual({ sub: 'alice-id', nonce: 'xLFQT1lv…', at_hash: 'e8ct0gGF…' });
  });
});
