import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { type RunningServices, type ServiceName, startServices } from '@oauth-flow-lab/testing';
import { asPage, Browser, type Page } from './support/browser';
import {
  authorizeRequests,
  describeRequest,
  type FuzzRequest,
  type FuzzTargets,
  type JwtMaterial,
  type LoginUiFixture,
  loginUiFormRequests,
  loginUiPageRequests,
  notesReadRequests,
  notesWriteRequests,
  randomCredentials,
  realCredentials,
  tokenManagementRequests,
  tokenRequests,
  userinfoRequests,
} from './support/fuzz';
import { CLIENT_WEB, connect, postForm, REPORTING_SERVICE } from './support/oauth-client';

/**
 * Property-based fuzzing of every public endpoint of the flow, across the four real services:
 * random and hostile parameters, headers and bodies (support/fuzz/), and for every
 * single request the same three properties:
 *
 * 1. Never a 5xx. Malformed input is the client's mistake: RFC 6749 §5.2 answers it with a 4xx
 *    error (`invalid_request`, `invalid_client`, ...), login-ui with a 4xx page, resource-api with
 *    RFC 6750 §3's 400/401/403. A 5xx means some input reached code that did not expect it.
 * 2. Never an open redirect. A Location may only point at auth-server, login-ui or client-web, and
 *    at client-web only at the registered redirect URI exactly (RFC 6749 §4.1.2.1: an unverified
 *    redirect_uri gets an error page, never a redirect; RFC 9700 §4.1.3: exact string comparison),
 *    carrying an `error` and never a `code`: the fuzzer never completes a flow.
 * 3. Never a token. The fuzzer holds no authorization code and no refresh token, so no answer may
 *    carry `access_token`, `refresh_token` or `id_token`, nor a JWT the request did not contain; and
 *    /token never answers 200.
 *
 * 429 is an answer like any other 4xx: auth-server throttles failed client authentications (10 per
 * client id and IP, 30 per IP, in 300 s) and login-ui failed sign-ins. That is why the properties
 * with real client credentials (which never fail authentication) run before the random ones.
 *
 * Every run draws a new seed. On a failure fast-check prints the seed, the path and the shrunk
 * counterexample (replay with `fc.assert(property, { seed, path })`); the message names the request,
 * the answer and the tail of the service's output (all of it: test-output/flow-e2e-fuzz/).
 * FUZZ_STATS=1 prints, per property, how many answers had which status and error code (or page
 * title): how far into each endpoint the requests got.
 */

const ALICE = { username: 'alice', password: 'wonderland' };
/** A request that gets no answer in this time is a finding too (a hang on hostile input). */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * A property's runs take a few seconds; this bounds the shrinking after a failure, whose report
 * (seed, path, smallest counterexample so far) survives the interruption.
 */
const PROPERTY_TIME_LIMIT_MS = 25_000;
const TEST_TIMEOUT_MS = 40_000;

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/** What an answer of one service is checked against. */
interface Rules {
  service: ServiceName;
  /** /token: every 200 is a token handed out (the fuzzer never holds a valid grant). */
  tokenEndpoint?: boolean;
}

describe('fuzzing the public endpoints with random and hostile requests', () => {
  let services: RunningServices;
  let targets: FuzzTargets;
  /** Tokens the fuzzer holds legitimately, to send (intact or tampered) where they are accepted. */
  let material: JwtMaterial;
  let held: { user: string; machine: string };
  let loginUi: LoginUiFixture;
  const clients = [CLIENT_WEB, REPORTING_SERVICE];

  beforeAll(async () => {
    services = await startServices('flow-e2e-fuzz');
    targets = services.urls;
    // Before any fuzzing (and any throttling): a user token without offline_access, so that no
    // refresh token exists for the fuzzer to hold, and reporting-service's own token.
    const user = await connect(services, ALICE, 'openid profile notes:read notes:write');
    const machine = await postForm(
      services,
      '/token',
      { grant_type: 'client_credentials', scope: 'notes:stats' },
      REPORTING_SERVICE,
    );
    held = { user: user.access_token, machine: String(machine.body.access_token) };
    material = {
      issuer: services.urls.authServer,
      audience: services.urls.resourceApi,
      heldTokens: [held.user, user.id_token ?? '', held.machine],
    };
    loginUi = await loginUiFixture(services);
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  /** Runs the property over `numRuns` requests: every answer must satisfy `holds`. */
  async function fuzz(
    name: string,
    requests: fc.Arbitrary<FuzzRequest>,
    numRuns: number,
    rules: Rules,
  ): Promise<void> {
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const answer = await holds(request, rules);
        const kind = outcomeOf(answer);
        statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
      }),
      {
        numRuns,
        includeErrorInReport: true,
        plugins: [fc.interruptAfterTimeLimit(PROPERTY_TIME_LIMIT_MS)],
      },
    );
    if (process.env['FUZZ_STATS']) {
      const counts = [...statuses].sort().map(([kind, count]) => `${count} × ${kind}`);
      console.log(`${name} (${numRuns} runs)\n  ${counts.join('\n  ')}`);
    }
  }

  /** Sends one request and checks the three properties; a violation throws a full report. */
  async function holds(request: FuzzRequest, rules: Rules): Promise<Answer> {
    let answer: Answer;
    try {
      answer = await send(request);
    } catch (error) {
      const reason = describeError(error);
      throw new Error(report(request, undefined, [`no HTTP answer (${reason})`], rules.service));
    }
    const violations = [
      ...serverErrors(answer),
      ...redirectViolations(request, answer, rules.service, targets),
      ...tokenViolations(request, answer, rules),
    ];
    if (violations.length > 0) {
      throw new Error(report(request, answer, violations, rules.service));
    }
    return answer;
  }

  function report(
    request: FuzzRequest,
    answer: Answer | undefined,
    violations: string[],
    service: ServiceName,
  ): string {
    const output = services.output(service);
    return [
      ...violations.map((v) => `VIOLATION: ${v}`),
      `request:\n${describeRequest(request)}`,
      answer
        ? `answer: ${answer.status}${answer.location === null ? '' : ` Location: ${answer.location}`}\n  body: ${abbreviate(answer.body, 600)}`
        : 'answer: none',
      `${service}'s output (services.output('${service}'); all four are kept in test-output/flow-e2e-fuzz/ once the suite stops), last lines:`,
      output.slice(-3000),
    ].join('\n');
  }

  // --- auth-server ---------------------------------------------------------------------------

  it(
    'fuzz GET/POST /authorize: never a 5xx, never a redirect but to login-ui or exactly the registered redirect URI, never a code',
    () =>
      fuzz('/authorize', authorizeRequests(targets), 200, {
        service: 'auth-server',
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz /token with real client credentials and garbage grants: never a 5xx, never a token',
    () =>
      fuzz(
        '/token, real credentials',
        tokenRequests(targets, realCredentials(clients), REPORTING_SERVICE),
        150,
        { service: 'auth-server', tokenEndpoint: true },
      ),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz /introspect and /revoke with real client credentials: never a 5xx, never a token',
    () =>
      fuzz(
        '/introspect and /revoke, real credentials',
        tokenManagementRequests(targets, realCredentials(clients), material),
        100,
        { service: 'auth-server' },
      ),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz /userinfo with held, tampered and forged bearer tokens and random Authorization headers: never a 5xx, never a token',
    () =>
      fuzz('/userinfo', userinfoRequests(targets, material, clients, [held.user]), 100, {
        service: 'auth-server',
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz /token with random credentials, headers and bodies: never a 5xx, never a token (429 once guessing is throttled)',
    () =>
      fuzz(
        '/token, random credentials',
        tokenRequests(targets, randomCredentials(clients, material), REPORTING_SERVICE),
        150,
        { service: 'auth-server', tokenEndpoint: true },
      ),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz /introspect and /revoke with random credentials: never a 5xx, never a token',
    () =>
      fuzz(
        '/introspect and /revoke, random credentials',
        tokenManagementRequests(targets, randomCredentials(clients, material), material),
        100,
        { service: 'auth-server' },
      ),
    TEST_TIMEOUT_MS,
  );

  // --- login-ui ------------------------------------------------------------------------------

  it(
    'fuzz login-ui GET /login and GET /consent with random challenges: never a 5xx, never a redirect off the three origins',
    () =>
      fuzz('login-ui pages', loginUiPageRequests(targets, loginUi), 100, {
        service: 'login-ui',
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz login-ui POST /login and POST /consent with random bodies, challenges and CSRF fields: never a 5xx, never a redirect off the three origins, never a token',
    () =>
      fuzz('login-ui forms', loginUiFormRequests(targets, loginUi), 200, {
        service: 'login-ui',
      }),
    TEST_TIMEOUT_MS,
  );

  // --- resource-api --------------------------------------------------------------------------

  it(
    'fuzz resource-api GET /notes and GET /notes/stats with random Authorization headers: never a 5xx, never a token',
    () =>
      fuzz(
        'resource-api reads',
        notesReadRequests(targets, material, clients, [held.user, held.machine]),
        150,
        {
          service: 'resource-api',
        },
      ),
    TEST_TIMEOUT_MS,
  );

  it(
    'fuzz resource-api POST /notes with random JSON and non-JSON bodies and content types: never a 5xx, never a token',
    () =>
      fuzz(
        'resource-api writes',
        notesWriteRequests(targets, material, clients, [held.user]),
        150,
        {
          service: 'resource-api',
        },
      ),
    TEST_TIMEOUT_MS,
  );
});

async function send(request: FuzzRequest): Promise<Answer> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
  };
}

/** Property 1: malformed input is a 4xx (RFC 6749 §5.2), never a server error. */
function serverErrors(answer: Answer): string[] {
  return answer.status >= 500 ? [`a ${answer.status}: the server failed instead of refusing`] : [];
}

/**
 * Where a service may redirect: auth-server only onward to login-ui (step 2) or back to the client
 * (the authorization response); login-ui back to auth-server or to itself. Never anywhere else.
 */
function redirectOrigins(service: ServiceName, urls: FuzzTargets): string[] {
  const allowed =
    service === 'auth-server'
      ? [urls.loginUi, urls.clientWeb]
      : [urls.authServer, urls.loginUi, urls.clientWeb];
  return allowed.map((url) => new URL(url).origin);
}

/**
 * Property 2 (RFC 6749 §4.1.2.1, RFC 9700 §4.1.3): a redirect stays within the flow's origins, and
 * reaches the client only at its registered redirect URI, compared as a string, with an error.
 */
function redirectViolations(
  request: FuzzRequest,
  answer: Answer,
  service: ServiceName,
  urls: FuzzTargets,
): string[] {
  if (answer.status < 300 || answer.status >= 400 || answer.location === null) {
    return [];
  }
  const location = answer.location;
  if (!URL.canParse(location, request.url)) {
    return [`a redirect to something that is not a URL: ${location}`];
  }
  const target = new URL(location, request.url);
  const origins = redirectOrigins(service, urls);
  if (!origins.includes(target.origin) || target.username !== '' || target.password !== '') {
    return [`an open redirect: ${service} may redirect to ${origins.join(', ')} only: ${location}`];
  }
  if (target.origin !== new URL(urls.clientWeb).origin) {
    return [];
  }
  const registered = `${urls.clientWeb}/callback`;
  if (location !== registered && !location.startsWith(`${registered}?`)) {
    return [
      `a redirect to client-web that is not exactly the registered ${registered}: ${location}`,
    ];
  }
  const granted = ['code', 'access_token', 'id_token', 'refresh_token'].filter((name) =>
    target.searchParams.has(name),
  );
  if (granted.length > 0 || target.hash !== '' || !target.searchParams.has('error')) {
    return [`a redirect to the client that is not an error response (§4.1.2.1): ${location}`];
  }
  return [];
}

const TOKEN_KEYS = new Set(['access_token', 'refresh_token', 'id_token']);
/** A JWT: a base64url JSON header and payload (both start `{"`, so `eyJ`), and a signature. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const TOKEN_PARAMETER =
  /(access_token|refresh_token|id_token)["']?\s*[:=]\s*["']?([A-Za-z0-9\-._~+/]{16,})/g;

/**
 * Property 3: no token in any answer, in a JSON member or in text (a page, a Location), except a
 * token the request itself carried and the answer merely quotes; and no 200 from /token.
 */
function tokenViolations(request: FuzzRequest, answer: Answer, rules: Rules): string[] {
  const found: string[] = [];
  if (rules.tokenEndpoint && answer.status === 200) {
    found.push('a 200 from /token: the fuzzer holds no valid grant');
  }
  for (const key of tokenMembers(parseJson(answer.body))) {
    found.push(`a token member "${key}" in the body`);
  }
  const ours = (value: string) => request.sent.some((sent) => sent.includes(value));
  const text = `${answer.body}\n${answer.location ?? ''}`;
  for (const [jwt] of text.matchAll(JWT)) {
    if (!ours(jwt)) {
      found.push(`a JWT the request did not carry: ${jwt.slice(0, 60)}…`);
    }
  }
  for (const [, name, value] of text.matchAll(TOKEN_PARAMETER)) {
    if (!ours(value)) {
      found.push(`${name} with a value the request did not carry: ${value.slice(0, 60)}…`);
    }
  }
  return found;
}

/** For FUZZ_STATS: the status and the error code (JSON `error`) or page title that came with it. */
function outcomeOf(answer: Answer): string {
  const json = parseJson(answer.body);
  const error =
    typeof json === 'object' && json !== null && 'error' in json ? String(json.error) : '';
  const title = /<title>([^<]*)<\/title>/.exec(answer.body)?.[1] ?? '';
  return `${answer.status} ${error || title}`.trim();
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function tokenMembers(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(tokenMembers);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, member]) => [
    ...(TOKEN_KEYS.has(key) ? [key] : []),
    ...tokenMembers(member),
  ]);
}

/** fetch's TypeError says only "fetch failed": the cause says why (a reset, a timeout, ...). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const cause = error.cause instanceof Error ? ` (cause: ${describeError(error.cause)})` : '';
  const code = 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
  return `${error.name}${code}: ${error.message}${cause}`;
}

function abbreviate(value: string, max: number): string {
  const shown = JSON.stringify(value.slice(0, max));
  return value.length > max ? `${shown}… (${value.length} characters)` : shown;
}

/** A valid GET /authorize URL for client-web, as client-web builds them (PKCE S256, state). */
function authorizeUrl(services: RunningServices): string {
  const url = new URL('/authorize', services.urls.authServer);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_WEB.id,
    redirect_uri: `${services.urls.clientWeb}/callback`,
    scope: 'openid notes:read',
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256')
      .update(randomBytes(32).toString('base64url'))
      .digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/**
 * Real login-ui state for the form fuzzer: a browser with three pending login challenges and one
 * pending consent challenge (alice signed in), its cookies and CSRF token; and another browser with
 * a pending login challenge of its own, its cookies and CSRF token.
 */
async function loginUiFixture(services: RunningServices): Promise<LoginUiFixture> {
  const browser = new Browser();
  const loginChallenges: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const page = await browser.open(authorizeUrl(services));
    loginChallenges.push(hidden(page, 'login_challenge'));
  }
  const loginPage = await browser.open(authorizeUrl(services));
  const consentPage = asPage(await browser.submit(loginPage, 'form[action="/login"]', ALICE));
  const other = new Browser();
  const otherPage = await other.open(authorizeUrl(services));
  loginChallenges.push(hidden(otherPage, 'login_challenge'));
  const cookiesAt = (b: Browser) => b.jar.getCookieString(`${services.urls.loginUi}/login`);
  return {
    cookies: await cookiesAt(browser),
    csrf: hidden(consentPage, '_csrf'),
    otherCookies: await cookiesAt(other),
    otherCsrf: hidden(otherPage, '_csrf'),
    loginChallenges,
    consentChallenges: [hidden(consentPage, 'consent_challenge')],
  };
}

function hidden(page: Page, name: string): string {
  const value = page.$(`input[name="${name}"]`).attr('value');
  if (!value) {
    throw new Error(`no ${name} on ${page.url}:\n${page.html}`);
  }
  return value;
}
