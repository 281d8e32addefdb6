import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { CsrfService } from '../src/csrf/csrf.service';
import { callbackQuery, page } from './fixtures/browser';
import { startClientWeb } from './fixtures/client-web-app';
import { FakeAuthServer } from './fixtures/fake-auth-server';
import { FakeResourceApi } from './fixtures/fake-resource-api';

/**
 * Case 54: over https client-web's session and CSRF cookies are `__Host-` prefixed, which a browser
 * accepts only from this very host over https (never from a sibling subdomain or a plain-http
 * page), and client-web reads only those names: a session planted under the plain name (one
 * connected to the attacker's account, say) is ignored. The browser's part cannot run here.
 *
 * client-web runs behind a TLS-terminating proxy (TRUST_PROXY_HOPS=1, `X-Forwarded-Proto: https`):
 * express-session sets a Secure cookie only on a request it knows came over https. Supertest's
 * cookie jar never sends Secure cookies over http, so each request carries its cookies itself.
 */
describe(`client-web's cookies over https (${CsrfService.name}, express-session; case 54)`, () => {
  const authServer = new FakeAuthServer();
  const resourceApi = new FakeResourceApi();
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await startClientWeb({
      AUTH_SERVER_INTERNAL_URL: await authServer.start(),
      RESOURCE_API_URL: await resourceApi.start(),
      // Upper case on purpose: the scheme and host of a URL are case-insensitive.
      PUBLIC_URL: 'HTTPS://CLIENT.EXAMPLE',
      TRUST_PROXY_HOPS: '1',
    });
  });

  afterAll(async () => {
    await app.close();
    await authServer.stop();
    await resourceApi.stop();
  });

  /** A request as the proxy forwards it from an https browser holding `cookies`. */
  function overHttps(method: 'get' | 'post', path: string, cookies: string[] = []) {
    const call = request(app.getHttpServer())[method](path).set('X-Forwarded-Proto', 'https');
    return cookies.length === 0 ? call : call.set('Cookie', cookies.join('; '));
  }

  /** Steps 1 to 4 through the fakes: the connected session's cookie and its Set-Cookie headers. */
  async function connect() {
    const started = await overHttps('get', '/connect').expect(302);
    const pending = sentCookies(started.get('Set-Cookie'));
    const callback = await overHttps('get', '/callback', pending)
      .query(callbackQuery(new URL(started.headers.location)))
      .expect(303);
    const session = sentCookies(callback.get('Set-Cookie'));
    resourceApi.giveNotes(authServer.issuedAccessTokens.at(-1) ?? '', []);
    return { pendingSetCookies: started.get('Set-Cookie') ?? [], session };
  }

  it('case 54: with PUBLIC_URL=HTTPS://CLIENT.EXAMPLE the session and CSRF cookies are __Host-, Secure, Path=/, no Domain', async () => {
    const { pendingSetCookies, session } = await connect();
    const home = await overHttps('get', '/', session).expect(200);

    expect(pendingSetCookies).toEqual([
      expect.stringMatching(
        /^__Host-client_web\.sid=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      ),
    ]);
    expect(session).toEqual([expect.stringMatching(/^__Host-client_web\.sid=/)]);
    expect(home.get('Set-Cookie')).toEqual([
      expect.stringMatching(
        /^__Host-client_web\.csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      ),
    ]);
  });

  it("case 54: the attacker's connected session planted under the plain name is ignored", async () => {
    const { session } = await connect();

    const own = await overHttps('get', '/', session).expect(200);
    const planted = await overHttps('get', '/', session.map(withoutHostPrefix)).expect(200);

    expect(page(own.text).text('h1')).toBe('Your notes');
    expect(planted.text).toContain('<a href="/connect">Connect</a>');
  });

  it('case 54: Disconnect clears the __Host- CSRF cookie with the attributes it was set with', async () => {
    const { session } = await connect();
    const home = await overHttps('get', '/', session).expect(200);
    const csrfCookie = sentCookies(home.get('Set-Cookie'));

    const disconnected = await overHttps('post', '/disconnect', [...session, ...csrfCookie])
      .type('form')
      .send({ _csrf: page(home.text).csrfToken('/disconnect') })
      .expect(303);

    expect(disconnected.get('Set-Cookie')).toContainEqual(
      expect.stringMatching(
        /^__Host-client_web\.csrf=; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      ),
    );
  });
});

/** The `name=value` pairs a browser sends back for these Set-Cookie headers. */
function sentCookies(setCookies: string[] | undefined): string[] {
  return (setCookies ?? []).map((setCookie) => setCookie.split(';')[0]);
}

function withoutHostPrefix(cookie: string): string {
  return cookie.replace(/^__Host-/, '');
}
