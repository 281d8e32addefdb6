import { ConsentRequestSchema } from '@oauth-flow-lab/contracts';
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
import { ALICE, authorizeUntilConsent } from './fixtures/authorization-flow';
import { expireInteraction } from './fixtures/expire';
import { expectJsonError } from './fixtures/expectations';

/** The consent half of the admin challenge API (login-ui's side of step 2). */
describe('admin API: /admin/consent-requests/:challenge', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  const newChallenge = async () =>
    (await authorizeUntilConsent(sut, { scope: 'openid notes:read notes:write' })).consentChallenge;
  const accept = (challenge: string, grantScope = ['openid', 'notes:read']) =>
    adminPut(sut, `${consentRequestPath(challenge)}/accept`, { grant_scope: grantScope });

  it('describes the consent request, with the logged-in subject and the flow id of its state', async () => {
    const { consentChallenge: challenge } = await authorizeUntilConsent(sut, {
      scope: 'openid notes:read notes:write',
      state: 'state-of-this-flow',
    });
    const response = await adminGet(sut, consentRequestPath(challenge)).expect(200);
    expect(ConsentRequestSchema.parse(response.body)).toEqual({
      challenge,
      client: { client_id: 'client-web', client_name: 'Notes Reader' },
      subject: ALICE,
      requested_scope: ['openid', 'notes:read', 'notes:write'],
      expires_at: expect.any(String) as unknown,
      skip: false,
      prompt: [],
      flow_id: flowIdFromState('state-of-this-flow'),
    });
  });

  it('accept answers with the after-consent URL on the issuer', async () => {
    const response = await accept(await newChallenge()).expect(200);
    expect((response.body as { redirect_to: string }).redirect_to).toMatch(
      /^http:\/\/localhost:3000\/authorize\/after-consent\?consent_verifier=[A-Za-z0-9_-]{43}$/,
    );
  });

  it('an unknown challenge -> 404 not_found', async () => {
    expectJsonError(await adminGet(sut, consentRequestPath('nope')), 404, 'not_found');
    expectJsonError(await accept('nope'), 404, 'not_found');
  });

  it('accepted twice -> the second is 410 already_handled', async () => {
    const challenge = await newChallenge();
    await accept(challenge).expect(200);
    expectJsonError(await accept(challenge), 410, 'already_handled');
    const reject = adminPut(sut, `${consentRequestPath(challenge)}/reject`, {});
    expectJsonError(await reject, 410, 'already_handled');
  });

  it('case 10: a consent challenge is not a login challenge -> 404 not_found', async () => {
    const challenge = await newChallenge();
    expectJsonError(await adminGet(sut, loginRequestPath(challenge)), 404, 'not_found');
    const acceptLogin = adminPut(
      sut,
      `${loginRequestPath(challenge)}/accept`,
      loginAcceptBody(ALICE),
    );
    expectJsonError(await acceptLogin, 404, 'not_found');
    await adminGet(sut, consentRequestPath(challenge)).expect(200);
  });

  it('an expired challenge -> 410 expired', async () => {
    const challenge = await newChallenge();
    await expireInteraction(sut, challenge);
    expectJsonError(await adminGet(sut, consentRequestPath(challenge)), 410, 'expired');
    expectJsonError(await accept(challenge), 410, 'expired');
  });

  describe('grant_scope may only narrow what was requested', () => {
    it('a scope that was not requested -> 400 invalid_request, and the challenge stays usable', async () => {
      const challenge = await newChallenge();
      const body = expectJsonError(
        await accept(challenge, ['openid', 'profile']),
        400,
        'invalid_request',
      );
      expect(body.error_description).toContain('profile');
      await accept(challenge).expect(200);
    });

    it('an empty grant_scope -> 400 invalid_request (refusing is a reject)', async () => {
      const challenge = await newChallenge();
      expectJsonError(await accept(challenge, []), 400, 'invalid_request');
      await accept(challenge).expect(200);
    });

    it('a subset of the requested scopes is accepted', async () => {
      await accept(await newChallenge(), ['notes:read']).expect(200);
    });
  });

  describe('a bad body -> 400 invalid_request', () => {
    it.each([
      ['no grant_scope', {}],
      ['grant_scope as a string', { grant_scope: 'openid notes:read' }],
      ['an empty scope in the list', { grant_scope: ['openid', ''] }],
      ['a number in the list', { grant_scope: ['openid', 7] }],
      ['an unknown field', { grant_scope: ['openid'], always: true }],
      ['remember as a string', { grant_scope: ['openid'], remember: 'yes' }],
    ])('accept with %s', async (_label, body) => {
      const challenge = await newChallenge();
      const response = adminPut(sut, `${consentRequestPath(challenge)}/accept`, body);
      expectJsonError(await response, 400, 'invalid_request');
    });

    it('malformed JSON', async () => {
      const challenge = await newChallenge();
      const response = await request(sut.adminServer)
        .put(`${consentRequestPath(challenge)}/accept`)
        .set('Authorization', `Bearer ${sut.config.adminApiSecret}`)
        .set('Content-Type', 'application/json')
        .send('{"grant_scope": [');
      expectJsonError(response, 400, 'invalid_request');
      await accept(challenge).expect(200);
    });
  });
});
