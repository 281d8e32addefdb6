import { aClient } from '../../../test/fixtures/client-entity';
import { RequestParameters } from '../../common/request-parameters';
import { BrowserError } from '../../errors/oauth-errors';
import { checkRedirectUri } from './check-redirect-uri';

describe(checkRedirectUri.name, () => {
  const sut = checkRedirectUri;
  const client = aClient({
    redirectUris: ['http://localhost:3002/callback', 'https://notes.example/cb'],
  });
  const params = (redirectUri: unknown) => new RequestParameters({ redirect_uri: redirectUri });

  it.each(['http://localhost:3002/callback', 'https://notes.example/cb'])(
    'returns a registered URI: %s',
    (uri) => {
      expect(sut(params(uri), client)).toBe(uri);
    },
  );

  it.each([
    'http://localhost:3002/callback/',
    'http://localhost:3002/callback?x=1',
    'http://LOCALHOST:3002/callback',
    'http://localhost:03002/callback',
    'http://localhost:3002/x/../callback',
    'http://localhost:3002/callback#f',
    'http://localhost:3002/callback%2F',
    'http://localhost:3002@evil.example/callback',
    'http://localhost:3002.evil.example/callback',
    'https://notes.example/cb ',
  ])('refuses %s with a 400 page, comparing strings exactly', (uri) => {
    expectBrowserError(() => sut(params(uri), client), 'Invalid redirect URI');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['repeated', ['http://localhost:3002/callback', 'http://localhost:3002/callback']],
  ])('refuses a %s redirect_uri with a 400 page, never a redirect', (_label, value) => {
    expectBrowserError(() => sut(params(value), client), 'Invalid authorization request');
  });
});

function expectBrowserError(run: () => unknown, title: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(BrowserError);
  expect(thrown).toMatchObject({ status: 400, title });
}
