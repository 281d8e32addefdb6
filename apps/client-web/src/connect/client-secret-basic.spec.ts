import { clientSecretBasic, formUrlEncode } from './client-secret-basic';

function decodeBasic(header: string): string {
  return Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
}

describe(clientSecretBasic.name, () => {
  it('base64-encodes id:secret behind the Basic scheme', () => {
    const sut = clientSecretBasic('client-web', 'client-web-secret');
    expect(sut).toBe(`Basic ${Buffer.from('client-web:client-web-secret').toString('base64')}`);
  });

  it('form-urlencodes the id and the secret before joining them (RFC 6749 §2.3.1)', () => {
    const sut = clientSecretBasic('my client:1', 'p@ss:w%rd+');
    expect(decodeBasic(sut)).toBe('my+client%3A1:p%40ss%3Aw%25rd%2B');
  });

  it('keeps exactly one unencoded colon, the separator', () => {
    const sut = decodeBasic(clientSecretBasic('a:b', 'c:d'));
    expect(sut.split(':')).toEqual(['a%3Ab', 'c%3Ad']);
  });
});

describe(formUrlEncode.name, () => {
  it.each([
    ['abc-XYZ_0.9*', 'abc-XYZ_0.9*'],
    ['a b', 'a+b'],
    ["!'()~", '%21%27%28%29%7E'],
    ['é', '%C3%A9'],
    ['a+b&c=d', 'a%2Bb%26c%3Dd'],
  ])('encodes %j as %j', (value, expected) => {
    expect(formUrlEncode(value)).toBe(expected);
    expect(new URLSearchParams(`x=${formUrlEncode(value)}`).get('x')).toBe(value);
  });
});
