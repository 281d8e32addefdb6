import { newFlowId, runInFlowScope } from '@oauth-flow-lab/flow-log';
import { ScriptedHttpServer } from '../../test/fixtures/scripted-http-server';
import { AdminApiClient } from './admin-api.client';
import {
  AdminApiBadGatewayError,
  AdminApiRefusedError,
  AdminApiUnreachableError,
  ChallengeGoneError,
  ChallengeNotFoundError,
} from './admin-api.errors';

describe(AdminApiClient.name, () => {
  const secret = 'a-secret-of-at-least-24-chars';
  const loginRequest = {
    challenge: 'ch/1',
    client: { client_id: 'client-web', client_name: 'Notes Reader' },
    requested_scope: ['openid', 'notes:read'],
    expires_at: '2030-01-01T00:00:00.000Z',
  };
  let server: ScriptedHttpServer;
  let sut: AdminApiClient;

  beforeAll(async () => {
    server = new ScriptedHttpServer();
    sut = new AdminApiClient({ baseUrl: await server.start(), secret, timeoutMs: 300 });
  });

  afterAll(() => server.stop());

  it('fetches a login request with the Bearer secret, the challenge URL-encoded', async () => {
    server.answer = { status: 200, body: loginRequest };

    // skip and prompt are absent from this answer: the contract's defaults fill them in.
    await expect(sut.getLoginRequest('ch/1')).resolves.toEqual({
      ...loginRequest,
      skip: false,
      prompt: [],
    });
    expect(server.received.at(-1)).toMatchObject({
      method: 'GET',
      path: '/admin/login-requests/ch%2F1',
      headers: { authorization: `Bearer ${secret}` },
    });
  });

  it('sends an accept as JSON and returns redirect_to', async () => {
    server.answer = { status: 200, body: { redirect_to: 'http://localhost:3000/authorize?x=1' } };

    const answer = await sut.acceptLoginRequest('ch', {
      subject: 'user-1',
      claims: { name: 'A', preferred_username: 'a' },
      authenticated_at: 1_764_000_000,
    });

    expect(answer).toEqual({ redirect_to: 'http://localhost:3000/authorize?x=1' });
    const received = server.received.at(-1);
    expect(received?.method).toBe('PUT');
    expect(received?.path).toBe('/admin/login-requests/ch/accept');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received?.body ?? '')).toEqual({
      subject: 'user-1',
      claims: { name: 'A', preferred_username: 'a' },
      authenticated_at: 1_764_000_000,
    });
  });

  it('sends the flow of the request being handled as traceparent, and none outside a flow', async () => {
    const flowId = newFlowId();
    server.answer = { status: 200, body: { redirect_to: 'http://localhost:3000/authorize?x=1' } };

    await runInFlowScope(flowId, () => sut.acceptConsentRequest('ch', { grant_scope: [] }));
    expect(server.received.at(-1)?.headers.traceparent).toMatch(
      new RegExp(`^00-${flowId}-[0-9a-f]{16}-01$`),
    );

    await runInFlowScope(undefined, () => sut.acceptConsentRequest('ch', { grant_scope: [] }));
    expect(server.received.at(-1)?.headers).not.toHaveProperty('traceparent');
  });

  it('sends a consent rejection to the consent path', async () => {
    server.answer = { status: 200, body: { redirect_to: 'http://localhost:3000/authorize?y=1' } };

    await sut.rejectConsentRequest('c2', { error: 'access_denied' });

    expect(server.received.at(-1)?.path).toBe('/admin/consent-requests/c2/reject');
  });

  it.each<[string, { status: number; body?: unknown }, new (...args: never[]) => Error]>([
    [
      '404 not_found',
      { status: 404, body: { error: 'not_found', error_description: 'x' } },
      ChallengeNotFoundError,
    ],
    [
      '410 expired',
      { status: 410, body: { error: 'expired', error_description: 'x' } },
      ChallengeGoneError,
    ],
    [
      '400 invalid_request',
      { status: 400, body: { error: 'invalid_request', error_description: 'bad' } },
      AdminApiRefusedError,
    ],
    [
      '401 unauthorized',
      { status: 401, body: { error: 'unauthorized', error_description: 'x' } },
      AdminApiBadGatewayError,
    ],
    ['500', { status: 500, body: 'Internal Server Error' }, AdminApiBadGatewayError],
    ['503 without a body', { status: 503 }, AdminApiBadGatewayError],
    [
      '200 not matching the contract',
      { status: 200, body: { challenge: 'x' } },
      AdminApiBadGatewayError,
    ],
    ['200 not JSON', { status: 200, body: '<html>' }, AdminApiBadGatewayError],
  ])('maps an answer of %s to the matching typed error', async (_label, answer, errorType) => {
    server.answer = answer;

    await expect(sut.getLoginRequest('ch')).rejects.toBeInstanceOf(errorType);
  });

  it('tells an expired challenge from one already used', async () => {
    server.answer = { status: 410, body: { error: 'already_handled', error_description: 'x' } };

    await expect(sut.getConsentRequest('ch')).rejects.toMatchObject({ reason: 'already_handled' });
  });

  it("lists a subject's connected apps, the subject URL-encoded", async () => {
    const apps = [
      {
        client_id: 'client-web',
        client_name: 'Notes Reader',
        scope: ['openid'],
        remembered_at: '2030-01-01T00:00:00.000Z',
      },
    ];
    server.answer = { status: 200, body: apps };

    await expect(sut.listConsents('user/1')).resolves.toEqual(apps);
    expect(server.received.at(-1)).toMatchObject({
      method: 'GET',
      path: '/admin/subjects/user%2F1/consents',
    });
  });

  it('revokes a connected app with DELETE, accepting a 204 without a body', async () => {
    server.answer = { status: 204 };

    await expect(sut.revokeConsent('user-1', 'client web')).resolves.toBeUndefined();
    expect(server.received.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/admin/subjects/user-1/consents/client%20web',
    });
  });

  it('refuses a redirect_to that is not an http(s) URL', async () => {
    server.answer = { status: 200, body: { redirect_to: 'javascript:alert(1)' } };

    await expect(sut.acceptConsentRequest('ch', { grant_scope: [] })).rejects.toBeInstanceOf(
      AdminApiBadGatewayError,
    );
  });

  it('gives up after the timeout: auth-server is unreachable', async () => {
    server.answer = { status: 200, body: loginRequest, delayMs: 2000 };

    await expect(sut.getLoginRequest('ch')).rejects.toBeInstanceOf(AdminApiUnreachableError);
  });

  it('reports a refused connection as unreachable', async () => {
    const stopped = new ScriptedHttpServer();
    const url = await stopped.start();
    await stopped.stop();
    const client = new AdminApiClient({ baseUrl: url, secret, timeoutMs: 300 });

    await expect(client.getLoginRequest('ch')).rejects.toBeInstanceOf(AdminApiUnreachableError);
  });
});
