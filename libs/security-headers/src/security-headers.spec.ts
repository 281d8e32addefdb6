import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
import { securityHeadersOf } from './security-headers';

/** What helmet itself sets, as Express would run it: on a real request, through node:http. */
async function headersHelmetSends(options?: HelmetOptions): Promise<IncomingHttpHeaders> {
  const middleware = helmet(options);
  const server = createServer((request, response) =>
    middleware(request, response, () => response.end()),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    return Object.fromEntries(answer.headers);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Only helmet's: what node:http adds to every answer is not a security header. */
function withoutTransportHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const rest = { ...headers };
  for (const name of ['connection', 'date', 'keep-alive', 'content-length']) {
    delete rest[name];
  }
  return rest;
}

describe('securityHeadersOf: helmet asked once', () => {
  const optionSets: [string, HelmetOptions | undefined][] = [
    ['the defaults', undefined],
    [
      "auth-server's (frame-ancestors 'none', DENY, no HSTS over http)",
      {
        contentSecurityPolicy: {
          directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null },
        },
        frameguard: { action: 'deny' },
        strictTransportSecurity: false,
      },
    ],
    ['HSTS on (https)', { strictTransportSecurity: true }],
  ];

  it.each(optionSets)('gives the headers helmet sends itself, with %s', async (_name, options) => {
    const once = securityHeadersOf(options);
    expect(once).toEqual(withoutTransportHeaders(await headersHelmetSends(options)));
    expect(once['x-content-type-options']).toBe('nosniff');
    expect(once['content-security-policy']).toContain("default-src 'self'");
  });

  it("carries the options: frame-ancestors 'none' and X-Frame-Options DENY", () => {
    const headers = securityHeadersOf({
      contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"] } },
      frameguard: { action: 'deny' },
    });
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a CSP directive computed per request (a nonce): it cannot be computed once', () => {
    expect(() =>
      securityHeadersOf({
        contentSecurityPolicy: { directives: { 'script-src': ["'self'", () => "'nonce-x'"] } },
      }),
    ).toThrow(/script-src is computed per request/);
  });
});
