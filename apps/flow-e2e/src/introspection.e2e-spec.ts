import { type RunningServices, startServices } from '@oauth-flow-lab/testing';
import { asPage, Browser, type Page } from './support/browser';
import { CLIENT_WEB, connect, getNotes, postForm } from './support/oauth-client';

const ALICE = { username: 'alice', password: 'wonderland' };
const SCOPE = 'offline_access notes:read';
/** resource-api's registration at auth-server (seeded), for its introspection mode. */
const RESOURCE_API = { id: 'resource-api', secret: 'resource-api-secret' };
/** INTROSPECTION_CACHE_SECONDS as the services run it (its default). */
const CACHE_SECONDS = 5;

/**
 * Step 6 two ways, on the four real services and real tokens: resource-api checking the JWT itself
 * (TOKEN_VALIDATION=jwt, the default) or asking auth-server's /introspect (RFC 7662). The lesson of
 * the README's "JWT or introspection?": after a revocation (RFC 7009), the JWT check keeps serving
 * the token until it expires, introspection refuses it within its cache time; in exchange,
 * introspection needs auth-server for every new token, and answers 503 while it is away.
 */
describe('JWT or introspection: revocation seen by the two ways of step 6', () => {
  /** Revokes the access token at auth-server, as its client (client-web) may. */
  async function revoke(services: RunningServices, accessToken: string): Promise<void> {
    const revoked = await postForm(
      services,
      '/revoke',
      { token: accessToken, token_type_hint: 'access_token' },
      CLIENT_WEB,
    );
    expect(revoked.status).toBe(200);
  }

  describe('resource-api in jwt mode (the default)', () => {
    let services: RunningServices;

    beforeAll(async () => {
      services = await startServices('flow-e2e-introspection-jwt');
    }, 60000);

    afterAll(async () => {
      await services?.stop();
    });

    it('a revoked access token is still served: 200 until it expires, auth-server never asked', async () => {
      const { access_token: token } = await connect(services, ALICE, SCOPE);
      expect((await getNotes(services, token)).status).toBe(200);
      await revoke(services, token);

      // auth-server knows it is revoked...
      const asked = await postForm(services, '/introspect', { token }, RESOURCE_API);
      expect(asked).toEqual({ status: 200, body: { active: false } });
      // ...resource-api does not ask: right away and past any introspection cache time, 200.
      expect((await getNotes(services, token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, (CACHE_SECONDS + 1) * 1000));
      const later = await getNotes(services, token);
      expect(later.status).toBe(200);
      expect(JSON.stringify(await later.json())).toMatch(/Alice/);
      expect(services.output('resource-api')).not.toContain('POST /introspect');
    });
  });

  describe('resource-api in introspection mode', () => {
    let services: RunningServices;

    beforeAll(async () => {
      services = await startServices('flow-e2e-introspection', {
        tokenValidation: 'introspection',
      });
    }, 60000);

    afterAll(async () => {
      await services?.stop();
    });

    it('serves a valid token after asking auth-server, which both log as step 6', async () => {
      const { access_token: token } = await connect(services, ALICE, SCOPE);
      const notes = await getNotes(services, token);
      expect(notes.status).toBe(200);
      expect(JSON.stringify(await notes.json())).toMatch(/Alice/);
      expect(services.output('resource-api')).toMatch(
        /step 6 · resource-api → auth-server · back channel · POST \/introspect token_type_hint=access_token → 200 active \(jti=/,
      );
      expect(services.output('auth-server')).toMatch(
        /step 6 · resource-api → auth-server · back channel · POST \/introspect client_id=resource-api \(client_secret_basic\) token_type_hint=access_token → 200 active access token jti=/,
      );
      expect(services.output()).not.toContain(token);
    });

    it(`a revoked access token: 401 invalid_token within the cache time (${CACHE_SECONDS} s)`, async () => {
      const { access_token: token } = await connect(services, ALICE, SCOPE);
      expect((await getNotes(services, token)).status).toBe(200);
      await revoke(services, token);
      const revokedAt = Date.now();

      let refused: Response | undefined;
      while (refused === undefined && Date.now() - revokedAt < (CACHE_SECONDS + 2) * 1000) {
        const response = await getNotes(services, token);
        if (response.status === 200) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        } else {
          refused = response;
        }
      }
      expect(refused?.status).toBe(401);
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(CACHE_SECONDS * 1000 + 1000);
      expect(refused?.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="[^"]+", error="invalid_token", error_description="The access token is not active/,
      );
    });

    it("client-web's page tells the story with a real token: before, both valid; after the revocation, the JWT check still valid, introspection inactive", async () => {
      const browser = new Browser();
      const loginPage = await browser.open(`${services.urls.clientWeb}/connect`);
      const consentPage = asPage(await browser.submit(loginPage, 'form[action="/login"]', ALICE));
      const home = asPage(
        await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'allow' }),
      );
      expect(home.$('[data-testid="note"]')).toHaveLength(2);

      const flow = await browser.open(`${services.urls.clientWeb}/flow`);
      expect(flow.$('a[href="/jwt-or-introspection"]').text()).toBe('JWT or introspection?');
      const before = await browser.open(`${services.urls.clientWeb}/jwt-or-introspection`);
      expect(verdicts(before, 'now')).toEqual({ jwt: 'true', introspection: 'true' });

      const story = asPage(
        await browser.submit(before, 'form[action="/jwt-or-introspection"]', {}),
      );
      expect(story.url).toBe(`${services.urls.clientWeb}/jwt-or-introspection`);
      expect(verdicts(story, 'before')).toEqual({ jwt: 'true', introspection: 'true' });
      expect(verdicts(story, 'after')).toEqual({ jwt: 'true', introspection: 'false' });
      expect(prose(story, '[data-testid="verdict-after-jwt"]')).toMatch(
        /^✓ valid exp: expires in \d+ s/,
      );
      expect(prose(story, '[data-testid="verdict-after-introspection"]')).toMatch(
        /^✗ invalid_token active: auth-server says \{"active": false\}/,
      );
      expect(prose(story, '[data-testid="revocation"]')).toMatch(/answered 200/);
      expect(prose(story, '[data-testid="afterwards"]')).toMatch(
        /runs in introspection mode, so it refuses this token \(401 invalid_token\) as soon as its cached answer runs out \(at most 5 s/,
      );

      // Then Notes Reader's next call is refused (once the cached answer runs out) and it refreshes.
      const deadline = Date.now() + (CACHE_SECONDS + 3) * 1000;
      let notice = '';
      while (!/rejected the access token/.test(notice) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        notice = prose(
          await browser.open(`${services.urls.clientWeb}/`),
          '[data-testid="token-notice"]',
        );
      }
      expect(notice).toMatch(
        /resource-api rejected the access token; Notes Reader used its refresh token/,
      );
    });

    it('auth-server stopped: a token not seen before gets 503 temporarily_unavailable, never 500, never 200', async () => {
      const { access_token: token } = await connect(services, ALICE, SCOPE);
      await services.stopService('auth-server');
      try {
        const response = await getNotes(services, token);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('10');
        expect(await response.json()).toEqual({
          error: 'temporarily_unavailable',
          error_description:
            'The authorization server cannot be asked whether the access token is active right now; try again shortly',
        });
      } finally {
        await services.startService('auth-server');
      }
      expect((await getNotes(services, token)).status).toBe(200);
    });
  });
});

/** The verdicts a row of the page shows: `data-valid` of each way's cell. */
function verdicts(page: Page, row: string): { jwt?: string; introspection?: string } {
  return {
    jwt: page.$(`[data-testid="verdict-${row}-jwt"]`).attr('data-valid'),
    introspection: page.$(`[data-testid="verdict-${row}-introspection"]`).attr('data-valid'),
  };
}

/** An element's text as read: whitespace collapsed. */
function prose(page: Page, selector: string): string {
  return page.$(selector).text().replace(/\s+/g, ' ').trim();
}
