import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { flowIdOfTraceparent, newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';
import request from 'supertest';
import { FakeAdminApi, type RecordedCall } from './fixtures/fake-admin-api';
import { ALICE, createTestApp, hiddenField } from './fixtures/test-app';

/** One JSON log line (LOG_FORMAT=json). */
interface LogRecord {
  level: number;
  msg: string;
  service?: string;
  flow_id?: string;
  step?: number;
  context?: string;
}

type Browser = ReturnType<typeof request.agent>;

const ALICE_SIGN_IN = { username: ALICE.username, password: ALICE.password };
const INFO = 30;
const WARN = 40;
const LINE = 'step 2 · browser → login-ui · front channel ·';

/** A challenge as auth-server makes one: 32 random bytes, base64url. */
function newChallenge(): string {
  return randomBytes(32).toString('base64url');
}

/** What a log line may show of a challenge or verifier: its first 8 characters. */
function short(secret: string): string {
  return `${secret.slice(0, 8)}…`;
}

/** The fake's redirect_to after a decision, as login-ui logs it (verifier shortened, URL-encoded). */
function nextUrl(kind: 'login' | 'consent', challenge: string, action: 'accept' | 'reject') {
  const verifier = encodeURIComponent(short(`v-${challenge}`));
  return `http://localhost:3000/authorize/continue?${kind}_verifier=${verifier}&${action}=1`;
}

/**
 * What login-ui writes while the user does step 2: one line per browser request under the flow id
 * auth-server gave in the login or consent request, that flow id sent on to the admin API as
 * `traceparent`, and no secret. One app for the whole file: nestjs-pino keeps one pino per process.
 */
describe("login-ui's logs of step 2", () => {
  let adminApi: FakeAdminApi;
  let app: INestApplication<Server>;
  const lines: string[] = [];

  beforeAll(async () => {
    adminApi = new FakeAdminApi();
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    app = await createTestApp(
      await adminApi.start(),
      // debug: pino-http's line for every request too, so its URLs are checked for secrets.
      { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', LOGIN_MAX_FAILURES_PER_USERNAME_AND_IP: '2' },
      { logDestination: logs },
    );
  });

  afterAll(async () => {
    await app.close();
    await adminApi.stop();
  });

  const records = () => lines.map((line) => JSON.parse(line) as LogRecord);
  const stepLinesOf = (flowId: string) =>
    records().filter((record) => record.step === 2 && record.flow_id === flowId);
  const callsTo = (challenge: string): RecordedCall[] =>
    adminApi.calls.filter((call) => call.path.includes(encodeURIComponent(challenge)));

  /** Every value of a cookie login-ui set (the CSRF cookie, the browser id, the session), as sent and decoded. */
  const cookieValues = (response: request.Response): string[] =>
    (response.get('Set-Cookie') ?? []).flatMap((cookie) => {
      const pair = cookie.split(';')[0];
      const value = pair.slice(pair.indexOf('=') + 1);
      return [value, decodeURIComponent(value)];
    });

  function expectNoneWritten(secrets: string[]): void {
    const output = lines.join('\n');
    expect(secrets.filter((secret) => secret.length > 0 && output.includes(secret))).toEqual([]);
  }

  async function signInOnTheForm(
    browser: Browser,
    challenge: string,
    credentials: { username: string; password: string; keep_signed_in?: 'yes' },
  ) {
    const page = await browser.get('/login').query({ login_challenge: challenge }).expect(200);
    const csrf = hiddenField(page.text, '_csrf');
    const response = await browser
      .post('/login')
      .type('form')
      .send({ login_challenge: challenge, _csrf: csrf, ...credentials });
    return { csrf, response, cookies: [...cookieValues(page), ...cookieValues(response)] };
  }

  async function decideOnTheConsentPage(
    browser: Browser,
    challenge: string,
    decision: { decision: 'allow' | 'deny'; remember?: 'yes' },
  ) {
    const page = await browser.get('/consent').query({ consent_challenge: challenge }).expect(200);
    const csrf = hiddenField(page.text, '_csrf');
    await browser
      .post('/consent')
      .type('form')
      .send({ consent_challenge: challenge, _csrf: csrf, ...decision })
      .expect(303);
    return { csrf, cookies: cookieValues(page) };
  }

  it('writes a line per step 2 request under the flow id auth-server gave, and sends it on as traceparent', async () => {
    const flowId = newFlowId();
    const login = newChallenge();
    const consent = newChallenge();
    adminApi.addLoginRequest(login);
    adminApi.setFlowId(login, flowId);
    adminApi.addConsentRequest(consent, ALICE.id, ['openid', 'notes:read']);
    adminApi.setFlowId(consent, flowId);
    const browser = request.agent(app.getHttpServer());

    const signIn = await signInOnTheForm(browser, login, ALICE_SIGN_IN);
    expect(signIn.response.status).toBe(303);
    const allow = await decideOnTheConsentPage(browser, consent, {
      decision: 'allow',
      remember: 'yes',
    });

    expect(stepLinesOf(flowId).map((record) => [record.level, record.msg])).toEqual([
      [
        INFO,
        `${LINE} GET /login login_challenge=${short(login)} client_id=client-web → 200 sign-in page`,
      ],
      [
        INFO,
        `${LINE} POST /login login_challenge=${short(login)} client_id=client-web → accepted for alice: ` +
          `PUT /admin/login-requests/${short(login)}/accept subject=${ALICE.id} → 303 to ${nextUrl('login', login, 'accept')}`,
      ],
      [
        INFO,
        `${LINE} GET /consent consent_challenge=${short(consent)} client_id=client-web → 200 consent page (scopes openid notes:read)`,
      ],
      [
        INFO,
        `${LINE} POST /consent allow consent_challenge=${short(consent)} client_id=client-web → granted: ` +
          `PUT /admin/consent-requests/${short(consent)}/accept grant_scope=openid notes:read remember=yes → 303 to ${nextUrl('consent', consent, 'accept')}`,
      ],
    ]);
    expect(stepLinesOf(flowId).every((record) => record.service === 'login-ui')).toBe(true);
    // Each request fetches its challenge first, without a flow id (it learns it from the answer);
    // the decision that follows carries it.
    const calls = [...callsTo(login), ...callsTo(consent)];
    expect(calls.map((call) => [call.method, flowIdOfTraceparent(call.traceparent)])).toEqual([
      ['GET', undefined],
      ['GET', undefined],
      ['PUT', flowId],
      ['GET', undefined],
      ['GET', undefined],
      ['PUT', flowId],
    ]);
    expectNoneWritten([
      ALICE.password,
      login,
      consent,
      `v-${login}`,
      `v-${consent}`,
      signIn.csrf,
      allow.csrf,
      ...signIn.cookies,
      ...allow.cookies,
    ]);
  });

  it('says when a login-ui session and a remembered consent skip the pages', async () => {
    const browser = request.agent(app.getHttpServer());
    const first = newChallenge();
    adminApi.addLoginRequest(first);
    const { cookies } = await signInOnTheForm(browser, first, {
      ...ALICE_SIGN_IN,
      keep_signed_in: 'yes',
    });
    const flowId = newFlowId();
    const login = newChallenge();
    const consent = newChallenge();
    adminApi.addLoginRequest(login);
    adminApi.setFlowId(login, flowId);
    adminApi.addConsentRequest(consent, ALICE.id, ['notes:read'], true);
    adminApi.setFlowId(consent, flowId);

    await browser.get('/login').query({ login_challenge: login }).expect(303);
    await browser.get('/consent').query({ consent_challenge: consent }).expect(303);

    expect(stepLinesOf(flowId).map((record) => record.msg)).toEqual([
      `${LINE} GET /login login_challenge=${short(login)} client_id=client-web → accepted for alice (login-ui session): ` +
        `PUT /admin/login-requests/${short(login)}/accept subject=${ALICE.id} → 303 to ${nextUrl('login', login, 'accept')}`,
      `${LINE} GET /consent consent_challenge=${short(consent)} client_id=client-web → skipped, remembered: ` +
        `PUT /admin/consent-requests/${short(consent)}/accept grant_scope=notes:read remember=yes → 303 to ${nextUrl('consent', consent, 'accept')}`,
    ]);
    const decisions = [...callsTo(login), ...callsTo(consent)].filter((c) => c.method === 'PUT');
    expect(decisions.map((call) => flowIdOfTraceparent(call.traceparent))).toEqual([
      flowId,
      flowId,
    ]);
    expectNoneWritten([ALICE.password, first, login, consent, ...cookies]);
  });

  it('writes a refused sign-in at warn with the status, never the password or what was typed', async () => {
    const flowId = newFlowId();
    const typed = { username: 'alice-typed-this-wrongly', password: 'not-her-password-9f3k' };
    const statuses: number[] = [];
    const csrfTokens: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const login = newChallenge();
      adminApi.addLoginRequest(login);
      adminApi.setFlowId(login, flowId);
      const { response, csrf } = await signInOnTheForm(
        request.agent(app.getHttpServer()),
        login,
        typed,
      );
      statuses.push(response.status);
      csrfTokens.push(csrf);
    }

    expect(statuses).toEqual([401, 401, 429]);
    const refusals = stepLinesOf(flowId).filter((record) => record.msg.startsWith(`${LINE} POST`));
    expect(refusals.map((record) => [record.level, record.msg.split(' → ').at(-1)])).toEqual([
      [WARN, '401 wrong username or password'],
      [WARN, '401 wrong username or password'],
      [WARN, expect.stringMatching(/^429 too many failed sign-ins \(Retry-After \d+ s\)$/)],
    ]);
    expectNoneWritten([typed.password, typed.username, ...csrfTokens]);
  });

  it('writes a denial at warn with access_denied', async () => {
    const flowId = newFlowId();
    const consent = newChallenge();
    adminApi.addConsentRequest(consent, ALICE.id, ['notes:read']);
    adminApi.setFlowId(consent, flowId);

    const { csrf } = await decideOnTheConsentPage(request.agent(app.getHttpServer()), consent, {
      decision: 'deny',
    });

    expect(stepLinesOf(flowId).at(-1)).toMatchObject({
      level: WARN,
      msg:
        `${LINE} POST /consent deny consent_challenge=${short(consent)} client_id=client-web → access_denied: ` +
        `PUT /admin/consent-requests/${short(consent)}/reject error=access_denied → 303 to ${nextUrl('consent', consent, 'reject')}`,
    });
    expect(callsTo(consent).at(-1)?.traceparent).toContain(flowId);
    expectNoneWritten([consent, csrf]);
  });

  it('ignores a flow id sent by the browser: only auth-server names the flow', async () => {
    const forged = newFlowId();
    const login = newChallenge();
    adminApi.addLoginRequest(login); // no flow_id: this login request has no `state`
    const browser = request.agent(app.getHttpServer());
    const page = await browser
      .get('/login')
      .query({ login_challenge: login })
      .set('traceparent', traceparentOf(forged))
      .expect(200);

    await browser
      .post('/login')
      .set('traceparent', traceparentOf(forged))
      .type('form')
      .send({ login_challenge: login, _csrf: hiddenField(page.text, '_csrf'), ...ALICE_SIGN_IN })
      .expect(303);

    expect(callsTo(login).map((call) => call.traceparent)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(records().filter((record) => record.flow_id === forged)).toEqual([]);
    expect(records().filter((record) => record.msg.includes(short(login)))).toContainEqual(
      expect.objectContaining({ step: 2, msg: expect.stringContaining('accepted for alice') }),
    );
  });

  it('writes a revoked connected app as a plain line, outside any flow', async () => {
    adminApi.consents.set(ALICE.id, [
      {
        client_id: 'client-web',
        client_name: 'Notes Reader',
        scope: ['notes:read'],
        remembered_at: '2026-11-20T10:00:00.000Z',
      },
    ]);
    const browser = request.agent(app.getHttpServer());
    const form = await browser.get('/apps').expect(200);
    await browser
      .post('/apps/sign-in')
      .type('form')
      .send({ _csrf: hiddenField(form.text, '_csrf'), ...ALICE_SIGN_IN })
      .expect(303);
    const list = await browser.get('/apps').expect(200);

    await browser
      .post('/apps/client-web/revoke')
      .type('form')
      .send({ _csrf: hiddenField(list.text, '_csrf') })
      .expect(303);

    expect(records()).toContainEqual(
      expect.objectContaining({
        level: INFO,
        context: 'AppsService',
        msg:
          'browser → login-ui · POST /apps/client-web/revoke by alice → ' +
          `DELETE /admin/subjects/${ALICE.id}/consents/client-web done (consent forgotten, ` +
          'its refresh tokens revoked) → 303 to /apps?status=revoked',
      }),
    );
    const revoked = records().find((record) => record.msg.includes('/revoke by alice'));
    expect(revoked?.step).toBeUndefined();
    expect(revoked?.flow_id).toBeUndefined();
    expectNoneWritten([ALICE.password, hiddenField(list.text, '_csrf')]);
  });
});
