import { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest, UnsupportedResponseType } from '../../errors/oauth-errors';
import { checkResponseType } from './check-response-type';

describe(checkResponseType.name, () => {
  const sut = checkResponseType;
  const params = (responseType: unknown) => new RequestParameters({ response_type: responseType });

  it('accepts code', () => {
    expect(() => sut(params('code'))).not.toThrow();
  });

  it.each([undefined, ''])('refuses a missing response_type (%j) as invalid_request', (value) => {
    expect(() => sut(params(value))).toThrow(new InvalidRequest('response_type is required'));
  });

  it.each(['token', 'id_token', 'code token', 'Code', ' code'])(
    'refuses %j as unsupported_response_type',
    (value) => {
      expect(() => sut(params(value))).toThrow(UnsupportedResponseType);
    },
  );
});
