import { DEFAULT_CLIENT_WEB_URL, parseFlowArgs } from './args';

describe(parseFlowArgs.name, () => {
  const sut = parseFlowArgs;

  it('plays alice against the npm start client-web by default, without pausing', () => {
    expect(sut([])).toEqual({
      kind: 'run',
      options: {
        clientWebUrl: DEFAULT_CLIENT_WEB_URL,
        username: 'alice',
        password: 'wonderland',
        pause: false,
      },
    });
  });

  it('takes the seeded password of --user bob', () => {
    expect(sut(['--user', 'bob'])).toMatchObject({
      kind: 'run',
      options: { username: 'bob', password: 'builder' },
    });
  });

  it('reads --client-web-url (either form) without its trailing slash, and --pause', () => {
    expect(sut(['--client-web-url=http://localhost:4002/', '--pause'])).toMatchObject({
      kind: 'run',
      options: { clientWebUrl: 'http://localhost:4002', pause: true },
    });
  });

  it('lets --password override the seeded one (hidden, for tests)', () => {
    expect(sut(['--password', 'wrong'])).toMatchObject({
      kind: 'run',
      options: { username: 'alice', password: 'wrong' },
    });
  });

  it('refuses a user not in the seeded table when no --password is given', () => {
    expect(sut(['--user', 'carol'])).toEqual({
      kind: 'error',
      message: 'unknown user "carol": the seeded users are alice, bob',
    });
  });

  it('refuses a prototype key as a user name', () => {
    expect(sut(['--user', 'constructor'])).toMatchObject({ kind: 'error' });
  });

  it.each([['ftp://localhost:3002'], ['localhost:3002x'], ['not a url']])(
    'refuses --client-web-url %s',
    (url) => {
      expect(sut(['--client-web-url', url])).toMatchObject({
        kind: 'error',
        message: expect.stringContaining('--client-web-url must be an http(s) URL'),
      });
    },
  );

  it('refuses unknown flags and stray arguments', () => {
    expect(sut(['--verbose'])).toMatchObject({ kind: 'error' });
    expect(sut(['alice'])).toMatchObject({ kind: 'error' });
  });

  it('answers --help and -h with the usage', () => {
    expect(sut(['--help'])).toEqual({ kind: 'help' });
    expect(sut(['-h'])).toEqual({ kind: 'help' });
  });
});
