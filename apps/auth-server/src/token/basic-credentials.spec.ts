import { InvalidClient } from '../errors/oauth-errors';
import { parseBasicCredentials } from './basic-credentials';

describe(parseBasicCredentials.name, () => {
  const sut = parseBasicCredentials;
  const basic = (raw: string) => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
  const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

  it.each([undefined, ''])('returns null without an Authorization header (%j)', (header) => {
    expect(sut(header)).toBeNull();
  });

  it('reads client_id and secret', () => {
    expect(sut(basic('client-web:client-web-secret'))).toEqual({
      clientId: 'client-web',
      secret: 'client-web-secret',
    });
  });

  it('form-decodes each part (RFC 6749 §2.3.1), special characters included', () => {
    const clientId = 'client: special/ü';
    const secret = 'p@ss:w+rd %/ü&=';
    expect(sut(basic(`${formEncode(clientId)}:${formEncode(secret)}`))).toEqual({
      clientId,
      secret,
    });
  });

  it('decodes "+" as a space and %2B as "+"', () => {
    expect(sut(basic('id:a+b%2Bc'))).toEqual({ clientId: 'id', secret: 'a b+c' });
  });

  it('splits at the first colon: a raw colon stays in the secret', () => {
    expect(sut(basic('id:se:cret'))).toEqual({ clientId: 'id', secret: 'se:cret' });
  });

  it('accepts the scheme name in any case (RFC 7235 §2.1)', () => {
    expect(sut(`basic ${Buffer.from('id:secret').toString('base64')}`)).toEqual({
      clientId: 'id',
      secret: 'secret',
    });
  });

  it.each([
    ['another scheme', 'Bearer abc'],
    ['the scheme alone', 'Basic'],
    ['not base64', 'Basic !!!'],
    ['two credentials', `${basic('a:b')} ${Buffer.from('c:d').toString('base64')}`],
    ['no colon', basic('client-web')],
    ['an empty client_id', basic(':secret')],
    ['bad percent-encoding', basic('client-web:%ZZ')],
  ])('refuses %s as invalid_client', (_label, header) => {
    expect(() => sut(header)).toThrow(InvalidClient);
  });
});
