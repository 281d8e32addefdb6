import { errorText, locationText, sentParameter } from './hop-text';

describe(sentParameter.name, () => {
  it('keeps a client-chosen value on one line, escaped and cut (flow-log logSafe, case 50)', () => {
    expect(sentParameter({ client_id: 'evil\n[10:42:07] INFO: step 4' }, 'client_id')).toBe(
      'client_id="evil\\n[10:42:07] INFO: step 4"',
    );
    expect(sentParameter({ client_id: 'a'.repeat(300) }, 'client_id')).toBe(
      `client_id="${'a'.repeat(200)}…(+100 chars)"`,
    );
  });

  it('shows one value, quoted when it has spaces like a scope', () => {
    expect(sentParameter({ scope: 'openid notes:read' }, 'scope')).toBe(
      'scope="openid notes:read"',
    );
    expect(sentParameter({ client_id: 'client-web' }, 'client_id')).toBe('client_id=client-web');
  });

  it('shows nothing of an absent, empty or repeated parameter', () => {
    expect(sentParameter({}, 'scope')).toBe('');
    expect(sentParameter({ scope: '' }, 'scope')).toBe('');
    expect(sentParameter({ scope: ['a', 'b'] }, 'scope')).toBe('');
  });
});

describe(errorText.name, () => {
  it('escapes a description that quotes what the client sent', () => {
    expect(errorText('invalid_request', 'no client "a\r\nb"')).toBe(
      'invalid_request (no client "a\\r\\nb")',
    );
  });
});

describe(locationText.name, () => {
  it("lists a redirect's parameters with the code and state shortened", () => {
    const code = 'Yt3kq9ZrXw0pL2mN8vB4cD6eF1gH5jK7sQ9uA3xZ0yW';
    const sut = locationText(
      `http://localhost:3002/callback?code=${code}&state=st4te-value-123&iss=http%3A%2F%2Flocalhost%3A3000`,
    );
    expect(sut).toBe(
      'http://localhost:3002/callback code=Yt3kq9Zr… state=st4te-va… iss=http://localhost:3000',
    );
  });

  it('shortens login and consent challenges and verifiers', () => {
    const challenge = 'Qm9vb3RzdHJhcHBpbmcgaXMgaGFyZCBhbmQgbG9uZw';
    expect(locationText(`http://localhost:3001/login?login_challenge=${challenge}`)).toBe(
      'http://localhost:3001/login login_challenge=Qm9vb3Rz…',
    );
  });
});
