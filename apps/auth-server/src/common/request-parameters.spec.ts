import { InvalidRequest } from '../errors/oauth-errors';
import { RequestParameters } from './request-parameters';

describe(RequestParameters.name, () => {
  const sut = new RequestParameters({
    client_id: 'client-web',
    empty: '',
    repeated: ['a', 'b'],
    nested: { $gt: '' },
  });

  describe('optional', () => {
    it('returns the value of a parameter sent once', () => {
      expect(sut.optional('client_id')).toBe('client-web');
    });

    it('treats an absent or empty parameter as omitted (RFC 6749 §3.1)', () => {
      expect(sut.optional('absent')).toBeUndefined();
      expect(sut.optional('empty')).toBeUndefined();
    });

    it.each(['repeated', 'nested'])('refuses %s values, naming the parameter', (name) => {
      expect(() => sut.optional(name)).toThrow(
        new InvalidRequest(`${name} must be sent exactly once`),
      );
    });
  });

  describe('required', () => {
    it('returns the value of a parameter sent once', () => {
      expect(sut.required('client_id')).toBe('client-web');
    });

    it.each(['absent', 'empty'])('refuses an %s parameter as invalid_request naming it', (name) => {
      expect(() => sut.required(name)).toThrow(new InvalidRequest(`${name} is required`));
    });

    it('refuses a repeated parameter', () => {
      expect(() => sut.required('repeated')).toThrow(InvalidRequest);
    });
  });

  describe('has', () => {
    it('tells whether a parameter was sent at all, even empty or repeated', () => {
      expect(sut.has('empty')).toBe(true);
      expect(sut.has('repeated')).toBe(true);
      expect(sut.has('absent')).toBe(false);
    });
  });

  describe('assertNoRepeats', () => {
    it('accepts flat single values, unknown parameters included', () => {
      const flat = new RequestParameters({ client_id: 'c', extension: 'x', empty: '' });
      expect(() => flat.assertNoRepeats()).not.toThrow();
    });

    it('refuses any repeated parameter, even one nobody reads', () => {
      const withRepeat = new RequestParameters({ client_id: 'c', extension: ['x', 'y'] });
      expect(() => withRepeat.assertNoRepeats()).toThrow(
        new InvalidRequest('extension must be sent exactly once'),
      );
    });
  });
});
