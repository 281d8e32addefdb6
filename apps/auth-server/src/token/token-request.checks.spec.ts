import { aClient } from '../../test/fixtures/client-entity';
import { RequestParameters } from '../common/request-parameters';
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from '../errors/oauth-errors';
import {
  checkAllowedGrantType,
  checkContentType,
  checkSupportedGrantType,
} from './token-request.checks';

describe(checkContentType.name, () => {
  const sut = checkContentType;

  it.each([
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
    'Application/X-WWW-Form-Urlencoded',
  ])('accepts %s', (contentType) => {
    expect(() => sut(contentType)).not.toThrow();
  });

  it.each([undefined, '', 'application/json', 'multipart/form-data; boundary=x', 'text/plain'])(
    'refuses %j as invalid_request',
    (contentType) => {
      expect(() => sut(contentType)).toThrow(InvalidRequest);
    },
  );
});

describe(checkSupportedGrantType.name, () => {
  const sut = checkSupportedGrantType;
  const params = (grantType: unknown) => new RequestParameters({ grant_type: grantType });

  it.each(['authorization_code', 'refresh_token', 'client_credentials'])(
    'accepts %s',
    (grantType) => {
      expect(sut(params(grantType))).toBe(grantType);
    },
  );

  it('refuses a missing grant_type as invalid_request', () => {
    expect(() => sut(params(undefined))).toThrow(new InvalidRequest('grant_type is required'));
  });

  it.each(['password', 'implicit', 'Refresh_Token', 'Authorization_Code', 'toString'])(
    'refuses %s as unsupported_grant_type',
    (grantType) => {
      expect(() => sut(params(grantType))).toThrow(UnsupportedGrantType);
    },
  );
});

describe(checkAllowedGrantType.name, () => {
  const sut = checkAllowedGrantType;

  it('accepts a grant the client is registered for', () => {
    expect(() => sut(aClient(), 'authorization_code')).not.toThrow();
  });

  it('refuses one it is not registered for as unauthorized_client', () => {
    const machine = aClient({ grantTypes: ['client_credentials'] });
    expect(() => sut(machine, 'authorization_code')).toThrow(UnauthorizedClient);
  });
});
