import { TokenResponseSchema, type TokenResponse } from '@oauth-flow-lab/contracts';
import { flowIdFromState, isFlowId, newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { claimsOf } from './fixtures/access-tokens';
import {
  adminGet,
  adminPut,
  consentRequestPath,
  loginAcceptBody,
  loginRequestPath,
} from './fixtures/admin-api';
import type { TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeUntilConsent, locationParam } from './fixtures/authorization-flow';
import {
  acceptConsentStep,
  acceptLoginStep,
  authorizeStep,
  expectRedirectTo,
  followStep,
  getAuthorize,
} from './fixtures/authorization-steps';
import { postForm } from './fixtures/form-requests';
import {
  INFO,
  type LogRecord,
  type LoggedAuthServer,
  startLoggedAuthServer,
  WARN,
} from './fixtures/logged-auth-server';
import { pkce } from './fixtures/pkce';
import { clientWeb } from './fixtures/refresh-tokens';
import { asReportingService, basicAuthorization, postToken } from './fixtures/token-request';

/**
 * What auth-server logs (issue "watch every step"): one line per protocol hop it takes part in,
 * named by its step of the six, under the flow id of the run it belongs to (derived from `state` on
 * the front channel, read from `traceparent` on the back channel), refusals at warn with the exact
 * OAuth error code; and, at every level, none of the secrets of the flow.
 *
 * One auth-server for the whole file (pino is set up once per process), at debug, so the secret
 * check covers pino-http's request lines too.
 */
describe('auth-server logs: one line per hop, under the flow id, secrets never written', () => {
  let logged: LoggedAuthServer;
  let sut: TestAuthServer;
  /** Every secret the requests below handled: none may be in the logs. */
  const secrets = new Map<string, string>();
  const keep = (name: string, value: string): string => {
    secrets.set(name, value);
    return value;
  };
  const hopsOf = (flowId: string): LogRecord[] =>
    logged.hops().filter((record) => record.flow_id === flowId);
  const withTraceparent = (flowId: string) => ({
    Authorization: basicAuthorization(clientWeb(sut).clientId, clientWeb(sut).secret),
    traceparent: traceparentOf(flowId),
  });

  beforeAll(async () => {
    logged = await startLoggedAuthServer('debug');
    sut = logged.sut;
    keep('client-web client secret', sut.config.seed.clientWebSecret);
    keep('reporting-service client secret', sut.config.seed.reportingServiceSecret);
    keep('resource-api client secret', sut.config.seed.resourceApiSecret);
    keep('admin API secret', sut.config.adminApiSecret);
  });
  afterAll(() => sut.close());

  describe('a code flow, steps 1 to 4', () => {
    const state = randomBytes(16).toString('base64url');
    const flowId = flowIdFromState(state);
    const redirectUri = 'http://localhost:3002/callback';
    let loginChallenge: string;
    let loginVerifier: string;
    let consentChallenge: string;
    let consentVerifier: string;
    let code: string;
    let tokens: TokenResponse;
    let jti: string;
    let described: { login: unknown; consent: unknown };
    const { verifier, challenge } = pkce();

    beforeAll(async () => {
      keep('code_verifier', verifier);
      const started = await authorizeStep(sut, {
        scope: 'openid offline_access notes:read',
        state,
        code_challenge: challenge,
      });
      loginChallenge = keep('login_challenge', started.loginChallenge);
      keep('browser-binding cookie', started.bindingCookie.split('=')[1]);
      const login = await adminGet(sut, loginRequestPath(loginChallenge)).expect(200);
      const afterLogin = await acceptLoginStep(sut, loginChallenge, ALICE);
      loginVerifier = keep('login_verifier', locationParamOf(afterLogin, 'login_verifier'));
      const atConsent = await followStep(sut, afterLogin, started.bindingCookie);
      consentChallenge = keep('consent_challenge', locationParam(atConsent, 'consent_challenge'));
      const consent = await adminGet(sut, consentRequestPath(consentChallenge)).expect(200);
      described = { login: login.body, consent: consent.body };
      const afterConsent = await acceptConsentStep(sut, consentChallenge, [
        'openid',
        'offline_access',
        'notes:read',
      ]);
      consentVerifier = keep('consent_verifier', locationParamOf(afterConsent, 'consent_verifier'));
      const callback = await followStep(sut, afterConsent, started.bindingCookie);
      code = keep('code', locationParam(callback, 'code'));
      // Step 3 as client-web sends it: on the back channel, the flow id in traceparent.
      const response = await postToken(
        sut,
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        },
        withTraceparent(flowId),
      ).expect(200);
      tokens = TokenResponseSchema.parse(response.body);
      keep('access token', tokens.access_token);
      keep('refresh token', tokens.refresh_token ?? '');
      keep('id_token', tokens.id_token ?? '');
      jti = (await claimsOf(sut, response.body)).jti;
    });

    it('hands login-ui the flow id of the state with the login and consent requests', () => {
      expect(described).toEqual({
        login: expect.objectContaining({ flow_id: flowId }) as unknown,
        consent: expect.objectContaining({ flow_id: flowId }) as unknown,
      });
    });

    it('writes the hops of steps 1 to 4, in order, under the flow id of the state', () => {
      expect(hopsOf(flowId).map((record) => [record.step, record.from, record.to])).toEqual([
        [1, 'client-web', 'auth-server'],
        [2, 'login-ui', 'auth-server'],
        [2, 'login-ui', 'auth-server'],
        [2, 'login-ui', 'auth-server'],
        [2, 'auth-server', 'client-web'],
        [3, 'client-web', 'auth-server'],
        [4, 'auth-server', 'client-web'],
      ]);
      expect(hopsOf(flowId).every((record) => record.level === INFO)).toBe(true);
      expect(hopsOf(flowId).every((record) => record.service === 'auth-server')).toBe(true);
    });

    it('step 1: the authorization request, and the browser sent on to login-ui', () => {
      expect(hopsOf(flowId)[0]).toEqual(
        expect.objectContaining({
          channel: 'front channel',
          msg: `step 1 · client-web → auth-server · front channel · GET /authorize response_type=code client_id=client-web redirect_uri=${redirectUri} scope="openid offline_access notes:read" state=${short(state)} code_challenge=${short(challenge)} (S256) → 303 to http://localhost:3001/login login_challenge=${short(loginChallenge)}`,
        }),
      );
    });

    it('step 2: the decisions login-ui reports, the return from login, the code issued', () => {
      const messages = hopsOf(flowId)
        .filter((record) => record.step === 2)
        .map((record) => record.msg);
      expect(messages).toEqual([
        `step 2 · login-ui → auth-server · back channel · PUT /admin/login-requests/${short(loginChallenge)}/accept subject=${ALICE} → 200 redirect_to http://localhost:3000/authorize/after-login login_verifier=${short(loginVerifier)}`,
        `step 2 · login-ui → auth-server · front channel · GET /authorize/after-login login_verifier=${short(loginVerifier)} → 303 to http://localhost:3001/consent consent_challenge=${short(consentChallenge)}`,
        `step 2 · login-ui → auth-server · back channel · PUT /admin/consent-requests/${short(consentChallenge)}/accept grant_scope="openid offline_access notes:read" remember=no → 200 redirect_to http://localhost:3000/authorize/after-consent consent_verifier=${short(consentVerifier)}`,
        `step 2 · auth-server → client-web · front channel · 303 to ${redirectUri} code=${short(code)} state=${short(state)} iss=http://localhost:3000 → code issued to client-web for subject ${ALICE} (scope openid offline_access notes:read, single use, expires in 60 s)`,
      ]);
    });

    it('steps 3 and 4: the token request as received, the token response by jti', () => {
      const [step3, step4] = hopsOf(flowId).slice(-2);
      expect([step3.msg, step4.msg]).toEqual([
        `step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code client_id=client-web (client_secret_basic) code=${short(code)} → code redeemed: client authenticated, code issued to it and unexpired, redirect_uri matches, PKCE S256 verified`,
        `step 4 · auth-server → client-web · back channel · 200 token response (grant_type=authorization_code) → access token jti=${short(jti)}, expires in 600 s, scope openid offline_access notes:read, refresh token, id_token`,
      ]);
    });

    it('the refresh and the token calls that follow: steps 3 and 4 again, revocation as step 3', async () => {
      const later = newFlowId();
      const introspected = await postForm(
        sut,
        '/introspect',
        { token: tokens.access_token, token_type_hint: 'access_token' },
        clientWeb(sut),
      )
        .set('traceparent', traceparentOf(later))
        .expect(200);
      expect(introspected.body).toEqual(expect.objectContaining({ active: true, jti }));
      const refreshed = await postToken(
        sut,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        withTraceparent(later),
      ).expect(200);
      const renewed = TokenResponseSchema.parse(refreshed.body);
      keep('refreshed access token', renewed.access_token);
      keep('rotated refresh token', renewed.refresh_token ?? '');
      await postForm(
        sut,
        '/revoke',
        { token: renewed.refresh_token, token_type_hint: 'refresh_token' },
        clientWeb(sut),
      )
        .set('traceparent', traceparentOf(later))
        .expect(200);

      const renewedJti = (await claimsOf(sut, refreshed.body)).jti;
      expect(hopsOf(later).map((record) => record.msg)).toEqual([
        `step 3 · client-web → auth-server · back channel · POST /introspect client_id=client-web (client_secret_basic) token_type_hint=access_token → 200 active access token jti=${short(jti)} (scope openid offline_access notes:read)`,
        `step 3 · client-web → auth-server · back channel · POST /token grant_type=refresh_token client_id=client-web (client_secret_basic) → refresh token valid for this client, rotated (RFC 9700 §4.14.2)`,
        `step 4 · auth-server → client-web · back channel · 200 token response (grant_type=refresh_token) → access token jti=${short(renewedJti)}, expires in 600 s, scope openid offline_access notes:read, new refresh token (the presented one is rotated out)`,
        `step 3 · client-web → auth-server · back channel · POST /revoke client_id=client-web (client_secret_basic) token_type_hint=refresh_token → 200 refresh token: its whole family and their access tokens revoked`,
      ]);
    });
  });

  describe('client_credentials and the JWKS', () => {
    it('a client_credentials grant without traceparent starts a flow of its own for its steps 3 and 4', async () => {
      await postToken(sut, { grant_type: 'client_credentials' }, asReportingService(sut)).expect(
        200,
      );
      const [step3, step4] = logged.hops().slice(-2);
      expect(step3.msg).toBe(
        'step 3 · client-web → auth-server · back channel · POST /token grant_type=client_credentials client_id=reporting-service (client_secret_basic) → client authenticated, acting on its own behalf (no user)',
      );
      expect(step4.msg).toMatch(
        /^step 4 · auth-server → client-web · back channel · 200 token response \(grant_type=client_credentials\) → access token jti=[0-9a-f-]{8}…, expires in 600 s, scope notes:stats, no refresh token$/,
      );
      expect(isFlowId(step3.flow_id)).toBe(true);
      expect(step4.flow_id).toBe(step3.flow_id);
    });

    it('a JWKS fetch with traceparent is step 6 (resource-api checking a token); without, debug only', async () => {
      const flowId = newFlowId();
      await request(sut.publicServer)
        .get('/.well-known/jwks.json')
        .set('traceparent', traceparentOf(flowId))
        .expect(200);
      expect(hopsOf(flowId).map((record) => record.msg)).toEqual([
        expect.stringMatching(
          /^step 6 · resource-api → auth-server · back channel · GET \/\.well-known\/jwks\.json → 200 \(1 key: .+\)$/,
        ),
      ]);

      const hopsBefore = logged.hops().length;
      await request(sut.publicServer).get('/.well-known/jwks.json').expect(200);
      expect(logged.hops()).toHaveLength(hopsBefore);
      expect(logged.records().at(-2)).toEqual(
        expect.objectContaining({
          level: 20,
          msg: expect.stringMatching(
            /^GET \/\.well-known\/jwks\.json → 200 \(1 key: .+\), no traceparent$/,
          ) as unknown,
        }),
      );
    });

    it('resource-api asking /introspect about a token it was sent (its introspection mode) is step 6 too', async () => {
      const issued = await postToken(
        sut,
        { grant_type: 'client_credentials' },
        asReportingService(sut),
      ).expect(200);
      const token = keep(
        'reporting-service access token',
        TokenResponseSchema.parse(issued.body).access_token,
      );
      const flowId = newFlowId();
      await postForm(
        sut,
        '/introspect',
        { token, token_type_hint: 'access_token' },
        { clientId: 'resource-api', secret: sut.config.seed.resourceApiSecret },
      )
        .set('traceparent', traceparentOf(flowId))
        .expect(200);
      const { jti } = await claimsOf(sut, issued.body);
      expect(hopsOf(flowId).map((record) => record.msg)).toEqual([
        `step 6 · resource-api → auth-server · back channel · POST /introspect client_id=resource-api (client_secret_basic) token_type_hint=access_token → 200 active access token jti=${short(jti)} (scope notes:stats)`,
      ]);
    });
  });

  describe('refusals: at warn, with the exact error code', () => {
    it('step 3: a code redeemed twice is invalid_grant', async () => {
      const state = randomBytes(16).toString('base64url');
      const flowId = flowIdFromState(state);
      const { verifier } = pkce();
      keep('second code_verifier', verifier);
      const atConsent = await authorizeUntilConsent(sut, { state, verifier });
      const afterConsent = await acceptConsentStep(sut, atConsent.consentChallenge, ['openid']);
      const callback = await followStep(sut, afterConsent, atConsent.bindingCookie);
      const secondCode = keep('second code', locationParam(callback, 'code'));
      const redeem = () =>
        postToken(
          sut,
          {
            grant_type: 'authorization_code',
            code: secondCode,
            redirect_uri: atConsent.redirectUri,
            code_verifier: verifier,
          },
          withTraceparent(flowId),
        );
      keep(
        'second access token',
        TokenResponseSchema.parse((await redeem().expect(200)).body).access_token,
      );
      await redeem().expect(400);

      expect(hopsOf(flowId).at(-1)).toEqual(
        expect.objectContaining({
          level: WARN,
          step: 3,
          msg: `step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code client_id=client-web (client_secret_basic) code=${short(secondCode)} → 400 invalid_grant (the authorization code was already used; the tokens issued from it are revoked)`,
        }),
      );
    });

    it('step 3: a wrong client secret is invalid_client, and the secret tried is not written', async () => {
      const flowId = newFlowId();
      await postToken(
        sut,
        { grant_type: 'client_credentials' },
        {
          Authorization: basicAuthorization(
            'reporting-service',
            keep('wrong secret', 'not-the-secret-x7'),
          ),
          traceparent: traceparentOf(flowId),
        },
      ).expect(401);
      expect(hopsOf(flowId)).toEqual([
        expect.objectContaining({
          level: WARN,
          msg: 'step 3 · client-web → auth-server · back channel · POST /token grant_type=client_credentials client_id=reporting-service (client_secret_basic) → 401 invalid_client (client authentication failed)',
        }),
      ]);
    });

    it('step 1: an unregistered redirect_uri gets the error page, no redirect', async () => {
      const state = 'untrusted-redirect-state';
      await getAuthorize(sut, { state, redirect_uri: 'https://attacker.example/cb' }).expect(400);
      expect(hopsOf(flowIdFromState(state))).toEqual([
        expect.objectContaining({
          level: WARN,
          step: 1,
          msg: expect.stringMatching(
            /^step 1 · client-web → auth-server · front channel · GET \/authorize .*redirect_uri=https:\/\/attacker\.example\/cb .*→ 400 error page "Invalid redirect URI", no redirect \(redirect_uri is not registered for client "client-web"\.\)$/,
          ) as unknown,
        }),
      ]);
    });

    it('step 1: a refused request goes back to the client with its error', async () => {
      const state = 'bad-scope-state';
      await getAuthorize(sut, { state, scope: 'openid admin:everything' }).expect(303);
      expect(hopsOf(flowIdFromState(state))).toEqual([
        expect.objectContaining({
          level: WARN,
          msg: expect.stringMatching(
            / → 303 to http:\/\/localhost:3002\/callback error=invalid_scope error_description=.+ state=bad-scop… iss=http:\/\/localhost:3000$/,
          ) as unknown,
        }),
      ]);
    });

    it('step 2: a denied consent, and the access_denied the client gets instead of a code', async () => {
      const state = 'denied-consent-state';
      const atConsent = await authorizeUntilConsent(sut, { state });
      const rejected = await adminPut(
        sut,
        `${consentRequestPath(atConsent.consentChallenge)}/reject`,
        {
          error: 'access_denied',
        },
      );
      const afterConsent = expectRedirectTo(rejected);
      await followStep(sut, afterConsent, atConsent.bindingCookie).expect(303);
      const [rejection, errorResponse] = hopsOf(flowIdFromState(state)).slice(-2);
      expect([rejection.level, errorResponse.level]).toEqual([WARN, WARN]);
      expect(rejection.msg).toMatch(
        /^step 2 · login-ui → auth-server · back channel · PUT \/admin\/consent-requests\/.{8}…\/reject error=access_denied → 200 redirect_to http:\/\/localhost:3000\/authorize\/after-consent consent_verifier=.{8}…$/,
      );
      expect(errorResponse.msg).toBe(
        'step 2 · auth-server → client-web · front channel · 303 to http://localhost:3002/callback error=access_denied error_description=The user denied the request state=denied-c… iss=http://localhost:3000 → no code: access_denied',
      );
    });

    it('step 2: a challenge answered twice is already_handled on the admin API', async () => {
      const state = 'twice-state';
      const { loginChallenge } = await authorizeStep(sut, { state });
      await acceptLoginStep(sut, loginChallenge, ALICE);
      await adminPut(
        sut,
        `${loginRequestPath(loginChallenge)}/accept`,
        loginAcceptBody(ALICE),
      ).expect(410);
      expect(hopsOf(flowIdFromState(state)).at(-1)).toEqual(
        expect.objectContaining({
          level: WARN,
          msg: `step 2 · login-ui → auth-server · back channel · PUT /admin/login-requests/${short(loginChallenge)}/accept → 410 already_handled (The login request was already handled)`,
        }),
      );
    });
  });

  it('case 50: a hostile client_id is one line, its newline and ESC escaped, cut at 200 characters', async () => {
    const state = 'hostile-client-id-state';
    const forged = '[10:42:07] INFO: step 4 · auth-server → client-web · back channel · forged';
    const clientId = `evil\n${forged}\u2028\u001b[2J${'x'.repeat(10_000)}`;
    const lines = logged.lines.length;
    await getAuthorize(sut, { state, client_id: clientId }).expect(400);

    // 200 characters of the value, then the count of the rest; each control character escaped.
    const kept = 4 + 1 + forged.length + 1 + 1 + 3;
    const shown = `evil\\n${forged}\\u2028\\u001b[2J${'x'.repeat(200 - kept)}…(+${clientId.length - 200} chars)`;
    const hops = hopsOf(flowIdFromState(state));
    expect(hops).toHaveLength(1);
    expect(hops[0].msg).toContain(` client_id="${shown}" `);
    // The page itself does not echo a client_id that long (case 43).
    expect(hops[0].msg).toMatch(
      /→ 400 error page "Unknown application", no redirect \(There is no client with this client_id \(longer than 255 characters\)\.\)$/,
    );
    // Every line written for the request, the request line (debug) included: one JSON object each,
    // its message free of control characters and bounded.
    const written = logged.lines.slice(lines).map((line) => JSON.parse(line) as LogRecord);
    const messages = written.map((record) => record.msg ?? '');
    expect(messages.filter((msg) => msg.includes('forged'))).toHaveLength(2);
    // eslint-disable-next-line no-control-regex
    expect(messages.filter((msg) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(msg))).toEqual(
      [],
    );
    expect(Math.max(...messages.map((msg) => msg.length))).toBeLessThan(1_500);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^GET \/authorize\?.*client_id=evil%0A%5B10%3A42%3A07%5D.*x…\(\+\d+ chars\)&/,
      ),
    );
  });

  it('logs a query whose secret has an emoji where the log cuts it, and answers it: never a 500', async () => {
    // 7 characters, then an emoji: cutting after 8 UTF-16 units would split its surrogate pair.
    const authorize = await request(sut.publicServer).get('/authorize?state=1234567%F0%9F%A6%84x');
    const token = await request(sut.publicServer).get('/token?code=1234567%F0%9F%A6%84');
    expect([authorize.status, token.status]).toEqual([400, 400]);
    expect(logged.lines.some((line) => line.includes('state=1234567%F0%9F%A6%84'))).toBe(true);
  });

  it('writes none of the secrets: codes, verifiers, challenges, tokens, client secrets', () => {
    expect(secrets.size).toBeGreaterThan(15);
    const output = logged.lines.join('\n');
    const leaked = [...secrets].filter(([, value]) => value !== '' && output.includes(value));
    expect(leaked.map(([name]) => name)).toEqual([]);
    // Nor any JWT: an access token or id_token, whole or as its signature.
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./);
  });
});

/** A parameter of a redirect_to URL the admin API answered with. */
function locationParamOf(url: string, name: string): string {
  const value = new URL(url).searchParams.get(name);
  if (value === null) {
    throw new Error(`${url} has no ${name}`);
  }
  return value;
}

/** What a log line may show of a secret (libs/flow-log shorten()). */
function short(secret: string): string {
  return `${secret.slice(0, 8)}…`;
}
