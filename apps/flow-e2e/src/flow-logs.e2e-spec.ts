import { flowIdFromState } from '@oauth-flow-lab/flow-log';
import {
  type RunningServices,
  SERVICE_NAMES,
  type ServiceName,
  startServices,
} from '@oauth-flow-lab/testing';
import { asPage, asStop, Browser } from './support/browser';
import { CLIENT_WEB, connectHoldingSecrets, getNotes, postForm } from './support/oauth-client';

/** One JSON log line of a service (LOG_FORMAT=json, which startServices sets). */
interface LogRecord {
  service?: string;
  msg?: string;
  flow_id?: string;
  step?: number;
  time?: number;
}

/** A JWT in compact form (RFC 7519 §3): three base64url parts, the first two JSON objects. */
const ANY_JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

/**
 * The logs tell the story (issue "watch every step"): one full flow through the four real services,
 * then a read of what each wrote. Every service names the steps it took part in under one flow id,
 * so `grep <flow id>` shows the whole flow; and no secret of the flow is in any of the logs.
 */
describe('the flow in the logs of the four services', () => {
  let services: RunningServices;
  /** Every secret the flows below handled: none may appear in any log. */
  const secrets = new Map<string, string>();
  let flowId: string;

  beforeAll(async () => {
    services = await startServices('flow-logs');
    flowId = await aliceConnectsThroughClientWeb(services, secrets);
    await aClientHoldingItsTokens(services, secrets);
    // pino writes synchronously to a pipe; give the pipes a moment to drain into the test.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  function records(service: ServiceName): LogRecord[] {
    return services
      .output(service)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogRecord);
  }

  it('writes one JSON object a line in every service', () => {
    for (const service of SERVICE_NAMES) {
      const lines = services.output(service).split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
      expect(records(service).every((record) => record.service === service)).toBe(true);
    }
  });

  it.each<[ServiceName, number[]]>([
    ['client-web', [1, 2, 3, 4, 5]],
    ['auth-server', [1, 2, 3, 4]],
    ['login-ui', [2]],
    ['resource-api', [5, 6]],
  ])('%s names the steps it took part in (%j) under the flow id', (service, steps) => {
    const ofFlow = records(service).filter((record) => record.flow_id === flowId);
    expect([...new Set(ofFlow.map((record) => record.step))].sort()).toEqual(
      expect.arrayContaining(steps),
    );
    for (const record of ofFlow.filter((r) => r.step !== undefined)) {
      expect(record.msg).toMatch(
        new RegExp(`^step ${record.step} · [a-z-]+ → [a-z-]+ · (front|back) channel · .+ → .+$`),
      );
    }
  });

  it('tells all six steps, in order, when the four logs are merged by time', () => {
    const story = SERVICE_NAMES.flatMap((service) => records(service))
      .filter((record) => record.flow_id === flowId && record.step !== undefined)
      .sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
    const firstOfEach = [1, 2, 3, 4, 5, 6].map((step) =>
      story.findIndex((record) => record.step === step),
    );
    expect(firstOfEach.every((index) => index >= 0)).toBe(true);
    const [one, two, three, four, five, six] = firstOfEach;
    expect(one < two && two < three && three < four).toBe(true);
    // Steps 5 and 6 overlap: resource-api fetches the JWKS (step 6) while it handles the call, and
    // logs the call (step 5) once answered. Both come after the token was issued.
    expect(five > four && six > four).toBe(true);
  });

  it('case 42: writes none of the secrets: passwords, client secrets, codes, verifiers, challenges, tokens, cookies', () => {
    expect(secrets.size).toBeGreaterThan(10);
    for (const service of SERVICE_NAMES) {
      const output = services.output(service);
      const leaked = [...secrets].filter(([, value]) => output.includes(value)).map(([k]) => k);
      expect({ service, leaked }).toEqual({ service, leaked: [] });
      expect(output).not.toMatch(ANY_JWT);
    }
  });
});

/**
 * Steps 1 to 6 as alice in a browser: client-web's Connect, login-ui's login and consent, back to
 * client-web, which exchanges the code and shows her notes. Returns the flow id both ends of the
 * front channel derive from `state`.
 */
async function aliceConnectsThroughClientWeb(
  services: RunningServices,
  secrets: Map<string, string>,
): Promise<string> {
  const browser = new Browser();
  const authorize = asStop(
    await browser.navigate('GET', `${services.urls.clientWeb}/connect`, undefined, (next) =>
      next.toString().startsWith(`${services.urls.authServer}/authorize`),
    ),
  );
  const state = authorize.searchParams.get('state') ?? '';
  const loginPage = await browser.open(authorize.toString());
  const consentPage = asPage(
    await browser.submit(loginPage, 'form[action="/login"]', {
      username: 'alice',
      password: 'wonderland',
    }),
  );
  const home = asPage(
    await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'allow' }),
  );
  if (home.$('[data-testid="note"]').length === 0) {
    throw new Error(`alice's notes are not shown: ${home.url}\n${services.output()}`);
  }

  secrets.set('alice password', 'wonderland');
  secrets.set('client-web client secret', CLIENT_WEB.secret);
  secrets.set('admin API secret', 'demo-admin-api-secret-change-me');
  // Every secret that crossed the front channel: the code, the challenges and verifiers of
  // login-ui's round trips, and the CSRF tokens of the forms.
  for (const hop of browser.hops) {
    for (const url of [hop.url, hop.location]) {
      for (const [name, value] of url === undefined ? [] : new URL(url).searchParams) {
        if (/^(code|(login|consent)_(challenge|verifier))$/.test(name)) {
          secrets.set(`${name} ${value.slice(0, 6)}`, value);
        }
      }
    }
  }
  for (const page of [loginPage, consentPage]) {
    const csrf = page.$('input[name=_csrf]').val();
    if (typeof csrf === 'string') {
      secrets.set(`csrf token of ${page.url.slice(0, 40)}`, csrf);
    }
  }
  for (const origin of [services.urls.clientWeb, services.urls.loginUi, services.urls.authServer]) {
    for (const cookie of await browser.jar.getCookies(origin)) {
      if (cookie.value.length >= 16) {
        secrets.set(`cookie ${cookie.key}`, cookie.value);
      }
    }
  }
  return flowIdFromState(state);
}

/**
 * The same steps played by a client that holds what client-web keeps to itself: the verifier and
 * the tokens, then a refresh, an API call and a revocation, so the test knows every secret.
 */
async function aClientHoldingItsTokens(
  services: RunningServices,
  secrets: Map<string, string>,
): Promise<void> {
  const { token, code, verifier } = await connectHoldingSecrets(
    services,
    { username: 'bob', password: 'builder' },
    'openid offline_access notes:read',
  );
  const refreshed = await postForm(
    services,
    '/token',
    { grant_type: 'refresh_token', refresh_token: token.refresh_token ?? '' },
    CLIENT_WEB,
  );
  const notes = await getNotes(services, String(refreshed.body.access_token));
  const revoked = await postForm(
    services,
    '/revoke',
    { token: String(refreshed.body.refresh_token), token_type_hint: 'refresh_token' },
    CLIENT_WEB,
  );
  expect([refreshed.status, notes.status, revoked.status]).toEqual([200, 200, 200]);

  secrets.set('bob password', 'builder');
  secrets.set('code', code);
  secrets.set('code_verifier', verifier);
  for (const [name, body] of [
    ['token response', token as Record<string, unknown>],
    ['refresh response', refreshed.body],
  ] as const) {
    for (const field of ['access_token', 'refresh_token', 'id_token']) {
      const value = body[field];
      if (typeof value === 'string') {
        secrets.set(`${name} ${field}`, value);
        // A JWT's signature alone is as good as a fingerprint of the token.
        secrets.set(`${name} ${field} (last part)`, value.split('.').at(-1) ?? value);
      }
    }
  }
}
