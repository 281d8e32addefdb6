import { InvalidToken } from '../errors/resource-access.errors';
import { checkAlg, checkTyp, decodeCompactJws, kidOf } from './check-jose-header';
import { TokenCheckFailure } from './token-check';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (header: unknown) => `${part(header)}.${part({ sub: 'x' })}.c2ln`;
const headerOf = (header: Record<string, unknown>) => decodeCompactJws(token(header)).header;

/** What a failed check answers the client, and what it tells the report. */
function failureOf(check: () => unknown): { description: string; detail: string } {
  try {
    check();
  } catch (error: unknown) {
    if (error instanceof TokenCheckFailure && error.answer instanceof InvalidToken) {
      return { description: error.answer.errorDescription, detail: error.detail };
    }
    throw error;
  }
  throw new Error('the check passed');
}

describe('the JOSE header checks', () => {
  describe(decodeCompactJws.name, () => {
    it('decodes header and payload', () => {
      expect(decodeCompactJws(token({ alg: 'RS256', kid: 'k1' }))).toEqual({
        header: { alg: 'RS256', kid: 'k1' },
        payload: { sub: 'x' },
      });
    });

    it.each([
      ['not three parts', 'a.b'],
      ['a header that is not base64url JSON', '%%%.e30.c2ln'],
      ['a header that is JSON but not an object', `${part([1])}.e30.c2ln`],
      ['a payload that is not a JSON object', `${part({ alg: 'RS256' })}.${part('text')}.c2ln`],
    ])('refuses %s', (_what, value) => {
      expect(failureOf(() => decodeCompactJws(value)).description).toBe(
        'The access token is not a JWT (JWS compact serialization)',
      );
    });

    it('refuses a crit header (RFC 7515 §4.1.11)', () => {
      expect(failureOf(() => headerOf({ alg: 'RS256', crit: ['exp'], exp: 1 }))).toEqual({
        description: 'The token has a crit header listing extensions this server does not support',
        detail: 'crit ["exp"] names extensions this server does not understand',
      });
    });
  });

  describe(checkAlg.name, () => {
    it('accepts RS256', () => {
      expect(checkAlg(headerOf({ alg: 'RS256' }))).toBe('RS256');
    });

    it.each(['none', 'HS256', 'RS512', 'ES256', undefined])('refuses alg %s', (alg) => {
      expect(failureOf(() => checkAlg(headerOf({ alg })))).toEqual({
        description: "The token's alg is not accepted: RS256 only",
        detail: `alg ${alg === undefined ? 'missing' : `"${alg}"`} is not on the allow-list (RS256)`,
      });
    });
  });

  describe(checkTyp.name, () => {
    it.each(['at+jwt', 'application/at+jwt', 'AT+JWT'])('accepts typ %s (RFC 9068 §4)', (typ) => {
      expect(checkTyp(headerOf({ typ }))).toBe(typ);
    });

    it.each(['JWT', 'id_token', '', undefined])('refuses typ %s (case 30)', (typ) => {
      expect(failureOf(() => checkTyp(headerOf({ typ }))).description).toBe(
        'The token is not an access token: its typ header is not at+jwt',
      );
    });
  });

  describe(kidOf.name, () => {
    it('reads the kid', () => {
      expect(kidOf(headerOf({ kid: 'k1' }))).toBe('k1');
    });

    it.each(['', 7, undefined])('refuses kid %s', (kid) => {
      expect(failureOf(() => kidOf(headerOf({ kid }))).description).toMatch(/no kid/);
    });
  });
});
