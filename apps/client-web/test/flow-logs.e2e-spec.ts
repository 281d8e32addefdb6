import { flowIdFromState, shorten } from '@oauth-flow-lab/flow-log';
import { FlowRecorder } from '../src/flow/flow-recorder.service';
import { callbackQuery, page, startAuthorization } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

interface LogRecord {
  level: number;
  msg: string;
  flow_id?: string;
  step?: number;
}

/**
 * client-web's logs (LOG_FORMAT=json, LOG_LEVEL=debug, read back through a stream): one line per
 * protocol hop in flow-log's format, each with the flow id, and no secret anywhere. This suite has
 * a jest file of its own: the first app of a file fixes pino's configuration.
 */
describe(FlowRecorder.name, () => {
  const world = ClientWebWithFakes.setUp({ logs: true });

  it('logs each hop of a flow once, under its flow id, without a secret', async () => {
    const browser = world.browser();
    const authorizationRequest = await startAuthorization(browser);
    const state = authorizationRequest.searchParams.get('state') ?? '';
    const challenge = authorizationRequest.searchParams.get('code_challenge') ?? '';
    const query = callbackQuery(
      authorizationRequest,
      'Yt3kq9ZrXw0pL2mN8vB4cD6eF1gH5jK7sQ9uA3xZ0yW',
    );
    const callback = await browser.get('/callback').query(query).expect(303);
    // resource-api has no notes for the first token: 401, a refresh, and the call again.
    const first = world.authServer.issuedAccessTokens.at(-1) ?? '';
    const firstRefreshToken = world.authServer.refreshTokens.issued.at(-1) ?? '';
    const second = world.authServer.prepareAccessToken();
    world.resourceApi.giveNotes(second, []);
    const home = page((await browser.get('/').expect(200)).text);
    await browser
      .post('/disconnect')
      .type('form')
      .send({ _csrf: home.csrfToken('/disconnect') })
      .expect(303);

    const records = world.logLines.map((line) => JSON.parse(line) as LogRecord);
    const flowId = flowIdFromState(state);
    const hops = records.filter((record) => record.step !== undefined);
    expect(hops.map((hop) => hop.msg)).toEqual([
      'step 1 · client-web → auth-server · front channel · GET /connect → 302 to /authorize ' +
        `(scope=openid profile offline_access notes:read notes:write, state=${shorten(state)}, ` +
        `code_challenge=${shorten(challenge)} S256)`,
      'step 2 · auth-server → client-web · front channel · GET /callback code=Yt3kq9Zr… → state ok, iss ok',
      'step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code → 200',
      'step 4 · auth-server → client-web · back channel · token response (grant_type=authorization_code) ' +
        '→ access token jti=fake-jti-1, expires in 600 s, refresh token, id_token verified',
      'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=fake-jti-1) → 401 invalid_token',
      'step 6 · client-web → resource-api · back channel · POST /debug/token-checks required_scope=notes:read ' +
        '→ no report (HTTP 401: resource-api reports only on a token that authenticates its caller; step 5 says why this one does not)',
      'step 3 · client-web → auth-server · back channel · POST /token grant_type=refresh_token → 200',
      'step 4 · auth-server → client-web · back channel · token response (grant_type=refresh_token) ' +
        '→ access token jti=fake-jti-2, expires in 600 s, refresh token',
      'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=fake-jti-2) → 200 (0 notes)',
      'step 6 · client-web → resource-api · back channel · POST /debug/token-checks required_scope=notes:read ' +
        '→ 200 (valid: 11 checks passed)',
      'step 3 · client-web → auth-server · back channel · POST /revoke token_type_hint=refresh_token → 200 (revoked)',
    ]);
    expect(hops.every((hop) => hop.flow_id === flowId)).toBe(true);
    // The id_token's keys are fetched without a flow id: auth-server would log it as step 6.
    expect(world.authServer.jwksTraceparents).toEqual([undefined]);
    // Refusals at warn (flow-log), the rest at info.
    expect(hops.filter((hop) => hop.level === 40).map((hop) => hop.step)).toEqual([5, 6]);
    // The page loads after the login belong to the flow too (join-session-flow.ts).
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'GET / → 200', flow_id: flowId }),
    );

    const sessionCookie = [callback.headers['set-cookie']].flat().join(';');
    const secrets = [
      state,
      query.code,
      world.authServer.tokenRequests[0]?.body.get('code_verifier') ?? '',
      authorizationRequest.searchParams.get('nonce') ?? '',
      first,
      second,
      firstRefreshToken,
      ...world.authServer.refreshTokens.issued,
      'client-web-secret',
      /client_web\.sid=([^;]+)/.exec(sessionCookie)?.[1] ?? '',
    ];
    const logs = world.logLines.join('\n');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
    }
  });
});
