import { LoginRequestSchema } from '@oauth-flow-lab/contracts';
import { flowIdFromState } from '@oauth-flow-lab/flow-log';
import request from 'supertest';
import {
  adminGet,
  adminPut,
  consentRequestPath,
  loginAcceptBody,
  loginRequestPath,
} from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE } from './fixtures/authorization-flow';
import { authorizeStep } from './fixtures/authorization-steps';
import { expireInteraction } from './fixtures/expire';
import { expectJsonError } from './fixtures/expectations';

/** The login half of the admin challenge API (login-ui's side of step 2). */
describe('admin API: /admin/login-requests/:challenge', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  const newChallenge = async () =>
    (await authorizeStep(sut, { scope: 'openid notes:read' })).loginChallenge;
  const accept = (challenge: string, body: object = loginAcceptBody(ALICE)) =>
    adminPut(sut, `${loginRequestPath(challenge)}/accept`, body);

  it("describes the login request, with the flow id of its state for login-ui's logs", async () => {
    const { loginChallenge: challenge } = await authorizeStep(sut, {
      scope: 'openid notes:read',
      state: 'state-of-this-flow',
    });
    const response = await adminGet(sut, loginRequestPath(challenge)).expect(200);
    const body = LoginRequestSchema.parse(response.body);
    expect(body).toEqual({
      challenge,
      client: { client_id: 'client-web', client_name: 'Notes Reader' },
      requested_scope: ['openid', 'notes:read'],
      expires_at: expect.any(String) as unknown,
      skip: false,
      prompt: [],
      flow_id: flowIdFromState('state-of-this-flow'),
    });
    const expiresIn = Date.parse(body.expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(590_000);
    expect(expiresIn).toBeLessThanOrEqual(600_000);
  });

  it('names no flow when the authorization request had no state', async () => {
    const { loginChallenge } = await authorizeStep(sut, { state: undefined });
    const response = await adminGet(sut, loginRequestPath(loginChallenge)).expect(200);
    expect(response.body).not.toHaveProperty('flow_id');
  });

  it('accept answers with the after-login URL on the issuer', async () => {
    const response = await accept(await newChallenge()).expect(200);
    expect((response.body as { redirect_to: string }).redirect_to).toMatch(
      /^http:\/\/localhost:3000\/authorize\/after-login\?login_verifier=[A-Za-z0-9_-]{43}$/,
    );
  });

  it('an unknown challenge -> 404 not_found', async () => {
    expectJsonError(await adminGet(sut, loginRequestPath('no-such-challenge')), 404, 'not_found');
    expectJsonError(await accept('no-such-challenge'), 404, 'not_found');
    const reject = adminPut(sut, `${loginRequestPath('no-such-challenge')}/reject`, {});
    expectJsonError(await reject, 404, 'not_found');
  });

  it('an unknown challenge of 2000 characters -> 404 not_found too, never 414', async () => {
    const long = '9'.repeat(2000);
    expectJsonError(await adminGet(sut, loginRequestPath(long)), 404, 'not_found');
    expectJsonError(await accept(long), 404, 'not_found');
  });

  it('accepted twice -> the second is 410 already_handled, and so are GET and reject', async () => {
    const challenge = await newChallenge();
    await accept(challenge).expect(200);
    expectJsonError(await accept(challenge), 410, 'already_handled');
    expectJsonError(await adminGet(sut, loginRequestPath(challenge)), 410, 'already_handled');
    const reject = adminPut(sut, `${loginRequestPath(challenge)}/reject`, {});
    expectJsonError(await reject, 410, 'already_handled');
  });

  it('case 10: a login challenge is not a consent challenge -> 404 not_found', async () => {
    const challenge = await newChallenge();
    expectJsonError(await adminGet(sut, consentRequestPath(challenge)), 404, 'not_found');
    const acceptConsent = adminPut(sut, `${consentRequestPath(challenge)}/accept`, {
      grant_scope: ['openid'],
    });
    expectJsonError(await acceptConsent, 404, 'not_found');
    // The login request itself is untouched.
    await adminGet(sut, loginRequestPath(challenge)).expect(200);
  });

  it('an expired challenge -> 410 expired', async () => {
    const challenge = await newChallenge();
    await expireInteraction(sut, challenge);
    expectJsonError(await adminGet(sut, loginRequestPath(challenge)), 410, 'expired');
    expectJsonError(await accept(challenge), 410, 'expired');
  });

  it('a challenge older than INTERACTION_TTL_SECONDS -> 410 expired', async () => {
    const shortLived = await startAuthServer({ INTERACTION_TTL_SECONDS: '1' });
    try {
      const { loginChallenge } = await authorizeStep(shortLived);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expectJsonError(await adminGet(shortLived, loginRequestPath(loginChallenge)), 410, 'expired');
    } finally {
      await shortLived.close();
    }
  });

  describe('a bad body -> 400 invalid_request, and the challenge stays usable', () => {
    const { authenticated_at } = loginAcceptBody(ALICE);
    it.each([
      ['no subject', { authenticated_at }],
      ['an empty subject', { subject: '', authenticated_at }],
      ['a subject that is not a string', { subject: 42, authenticated_at }],
      ['an unknown field', { subject: ALICE, authenticated_at, remember: true }],
      [
        'an unknown claim',
        { subject: ALICE, authenticated_at, claims: { email: 'alice@example.com' } },
      ],
      ['no authenticated_at', { subject: ALICE }],
      ['an authenticated_at that is not a number', { subject: ALICE, authenticated_at: 'now' }],
      ['an authenticated_at with a fraction', { subject: ALICE, authenticated_at: 1.5 }],
      ['a negative authenticated_at', { subject: ALICE, authenticated_at: -1 }],
    ])('accept with %s', async (_label, body) => {
      const challenge = await newChallenge();
      expectJsonError(await accept(challenge, body), 400, 'invalid_request');
      await accept(challenge).expect(200);
    });

    it('reject with an error that is not allowed', async () => {
      const challenge = await newChallenge();
      const reject = adminPut(sut, `${loginRequestPath(challenge)}/reject`, {
        error: 'server_error',
      });
      expectJsonError(await reject, 400, 'invalid_request');
    });

    it('malformed JSON', async () => {
      const challenge = await newChallenge();
      const response = await request(sut.adminServer)
        .put(`${loginRequestPath(challenge)}/accept`)
        .set('Authorization', `Bearer ${sut.config.adminApiSecret}`)
        .set('Content-Type', 'application/json')
        .send('{"subject": ');
      expectJsonError(response, 400, 'invalid_request');
      await accept(challenge).expect(200);
    });

    it('a body over the limit -> 413 invalid_request', async () => {
      const response = await accept(await newChallenge(), { subject: 'x'.repeat(20_000) });
      expectJsonError(response, 413, 'invalid_request');
    });
  });
});
