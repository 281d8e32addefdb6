import request from 'supertest';
import { MAX_BINDING_COOKIES } from '../src/authorize/browser-binding';
import { adminPut, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, locationOf } from './fixtures/authorization-flow';
import {
  acceptConsentStep,
  acceptLoginStep,
  authorizationQuery,
  expectRedirect,
  expectRedirectTo,
  followStep,
} from './fixtures/authorization-steps';
import { expectErrorPage } from './fixtures/expectations';

/**
 * docs/security-cases.md, case 49: the browser-binding cookies of /authorize
 * (src/authorize/browser-binding.ts) do not pile up. Each is cleared when its authorization ends,
 * and a browser keeps at most MAX_BINDING_COOKIES of them, so one that started hundreds of
 * authorizations (and abandoned them) can still finish the next instead of getting 431.
 */
describe('browser-binding cookies are bounded (case 49)', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  /**
   * A browser's cookies for auth-server's /authorize paths: what Set-Cookie sets, and what a
   * cleared cookie (`Max-Age=0` or an `Expires` in the past) removes.
   */
  class CookieJar {
    readonly cookies = new Map<string, string>();

    header(): string {
      return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }

    receive(response: request.Response): void {
      for (const line of response.get('Set-Cookie') ?? []) {
        const [pair, ...attributes] = line.split(';').map((part) => part.trim());
        const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        expect(attributes).toContain('Path=/authorize');
        const expired = attributes.some(
          (attribute) =>
            attribute === 'Max-Age=0' ||
            (attribute.startsWith('Expires=') && Date.parse(attribute.slice(8)) <= Date.now()),
        );
        if (expired) {
          this.cookies.delete(name);
        } else {
          this.cookies.set(name, value);
        }
      }
    }
  }

  /** GET /authorize in the browser holding `jar`: the login challenge it was sent on with. */
  async function start(jar: CookieJar): Promise<string> {
    const response = await request(sut.publicServer)
      .get(`/authorize?${authorizationQuery(sut)}`)
      .set('Cookie', jar.header());
    jar.receive(response);
    const challenge = new URL(expectRedirect(response)).searchParams.get('login_challenge');
    expect(challenge).not.toBeNull();
    return challenge ?? '';
  }

  /** Login and consent accepted, the browser follows both redirects: the authorization response. */
  async function finish(jar: CookieJar, loginChallenge: string): Promise<request.Response> {
    const afterLogin = await acceptLoginStep(sut, loginChallenge, ALICE);
    const consent = await followStep(sut, afterLogin, jar.header());
    jar.receive(consent);
    const consentChallenge = locationOf(consent).searchParams.get('consent_challenge') ?? '';
    const afterConsent = await acceptConsentStep(sut, consentChallenge, ['openid', 'notes:read']);
    const response = await followStep(sut, afterConsent, jar.header());
    jar.receive(response);
    return response;
  }

  it('case 49: the authorization response clears the cookie of its request', async () => {
    const jar = new CookieJar();
    const challenge = await start(jar);
    expect(jar.cookies.size).toBe(1);

    const response = await finish(jar, challenge);

    expect(locationOf(response).searchParams.get('code')).toEqual(expect.any(String));
    expect(jar.cookies.size).toBe(0);
  });

  it('case 49: a rejected login ends the authorization and clears its cookie', async () => {
    const jar = new CookieJar();
    const challenge = await start(jar);
    const rejected = await adminPut(sut, `${loginRequestPath(challenge)}/reject`, {
      error: 'access_denied',
    });

    const response = await followStep(sut, expectRedirectTo(rejected), jar.header());
    jar.receive(response);

    expect(locationOf(response).searchParams.get('error')).toBe('access_denied');
    expect(jar.cookies.size).toBe(0);
  });

  it('case 49: after 200 abandoned starts, the browser holds a bounded set of cookies and still finishes an authorization', async () => {
    const jar = new CookieJar();
    const challenges: string[] = [];
    for (let started = 0; started < 200; started += 1) {
      challenges.push(await start(jar));
    }
    expect(jar.cookies.size).toBe(MAX_BINDING_COOKIES);
    expect(jar.header().length).toBeLessThan(4096);

    const response = await finish(jar, challenges[199]);

    expect(locationOf(response).searchParams.get('code')).toEqual(expect.any(String));
    expect(jar.cookies.size).toBe(MAX_BINDING_COOKIES - 1);
    // The price of the bound: the oldest abandoned request can no longer be continued here.
    const afterLogin = await acceptLoginStep(sut, challenges[0], ALICE);
    expectErrorPage(await followStep(sut, afterLogin, jar.header()), 403);
  });
});
