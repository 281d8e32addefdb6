import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { ActiveToken } from '@oauth-flow-lab/contracts';
import type { FlowHop, FlowLog } from '@oauth-flow-lab/flow-log';
import { AccessTokenGuard } from '../access-token.guard';
import {
  IntrospectionUnavailable,
  InvalidToken,
  ResourceAccessError,
  TemporarilyUnavailable,
} from '../errors/resource-access.errors';
import type { ResourceGuardsOptions } from '../resource-guards.options';
import { RequireScopes } from '../scopes/require-scopes.decorator';
import { StepSixEvents } from '../step-six.events';
import { IntrospectionValidation } from '../validation/introspection-validation';
import { IntrospectionChecks } from './introspection-checks';
import { TokenIntrospector } from './token-introspector';

const ISSUER = 'http://localhost:3000';
const AUDIENCE = 'http://localhost:3003';
const now = () => Math.floor(Date.now() / 1000);

function active(overrides: Partial<ActiveToken> = {}): ActiveToken {
  return {
    active: true,
    scope: 'openid notes:read',
    client_id: 'client-web',
    sub: 'alice',
    exp: now() + 600,
    iat: now(),
    iss: ISSUER,
    aud: AUDIENCE,
    jti: 'b2f0c7d4-9e1a-4c55-8f0e-7d3a6b1c2e90',
    token_type: 'access_token',
    ...overrides,
  };
}

/** How the stand-in for auth-server's /introspect answers: JSON, or hangs without a word. */
type Answer = { status: number; body: unknown } | 'hang';

/** A stand-in for auth-server's /introspect, recording what it was sent. */
class FakeIntrospectionEndpoint {
  answer: Answer = { status: 200, body: active() };
  readonly requests: { authorization?: string; body: string }[] = [];
  private readonly server: Server = createServer((request, response) =>
    this.handle(request, response),
  );
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/introspect`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.requests.push({
        authorization: request.headers.authorization,
        body: Buffer.concat(chunks).toString(),
      });
      if (this.answer === 'hang') {
        return;
      }
      response.writeHead(this.answer.status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(this.answer.body));
    });
  }
}

class NotesRoutes {
  @RequireScopes('notes:read')
  list(this: void): void {
    return undefined;
  }
}

describe(IntrospectionValidation.name, () => {
  const endpoint = new FakeIntrospectionEndpoint();
  const hops: FlowHop[] = [];
  const flowLog = { hop: (hop: FlowHop) => hops.push(hop) } as unknown as FlowLog;

  beforeAll(() => endpoint.start());
  afterAll(() => endpoint.stop());
  beforeEach(() => {
    endpoint.answer = { status: 200, body: active() };
    endpoint.requests.length = 0;
    hops.length = 0;
  });

  /**
   * The guard in introspection mode, over a fresh cache of `cacheSeconds`. The stand-in answers
   * at once unless told to hang, so the wait for it is long by default: a loaded machine may take
   * a second or more to make the first request, and an answer must never be mistaken for a
   * time-out. Only the hanging case shortens it.
   */
  function guardWith(cacheSeconds = 5, secret = 'resource-api-secret', timeoutMs = 30_000) {
    const options: ResourceGuardsOptions = {
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUri: 'http://127.0.0.1:9/jwks.json',
      stepLog: { caller: 'client-web' },
      tokenValidation: 'introspection',
      introspection: {
        url: endpoint.url,
        clientId: 'resource-api',
        clientSecret: secret,
        cacheSeconds,
        timeoutMs,
      },
    };
    const checks = new IntrospectionChecks(options, new TokenIntrospector(options, flowLog));
    const validation = new IntrospectionValidation(checks);
    const guard = new AccessTokenGuard(validation, new Reflector(), new StepSixEvents());
    /** What the API answers: nothing (served) or the refusal. */
    const answer = async (token = 'opaque-token'): Promise<ResourceAccessError | undefined> => {
      const request = { headers: { authorization: `Bearer ${token}` }, query: {}, body: undefined };
      const context = new ExecutionContextHost(
        [request, {}],
        NotesRoutes,
        NotesRoutes.prototype.list,
      );
      try {
        await guard.canActivate(context);
        return undefined;
      } catch (error: unknown) {
        if (error instanceof ResourceAccessError) {
          return error;
        }
        throw error;
      }
    };
    return { checks, answer };
  }

  it('posts the token to /introspect as resource-api, client_secret_basic, with the access_token hint', async () => {
    const { answer } = guardWith(5, 'a:secret %+');
    expect(await answer('the-token')).toBeUndefined();
    expect(endpoint.requests).toEqual([
      {
        authorization: `Basic ${Buffer.from('resource-api:a%3Asecret+%25%2B').toString('base64')}`,
        body: 'token=the-token&token_type_hint=access_token',
      },
    ]);
  });

  it('serves a token auth-server says is active, and logs the request as step 6', async () => {
    const { answer } = guardWith();
    expect(await answer()).toBeUndefined();
    expect(hops).toEqual([
      {
        step: 6,
        from: 'resource-api',
        to: 'auth-server',
        request: 'POST /introspect token_type_hint=access_token',
        outcome: expect.stringMatching(
          /^200 active \(jti=b2f0c7d4…, client_id=client-web, exp in (599|600) s\)$/,
        ),
        ok: true,
      },
    ]);
  });

  it('maps {"active": false} to 401 invalid_token', async () => {
    endpoint.answer = { status: 200, body: { active: false } };
    const refusal = await guardWith().answer();
    expect(refusal).toBeInstanceOf(InvalidToken);
    expect(refusal?.getStatus()).toBe(401);
    expect(refusal?.errorDescription).toMatch(/^The access token is not active/);
  });

  it('checks what auth-server vouches for like JWT claims: token_type, iss, aud, exp, claims, scope', async () => {
    const cases: [Partial<ActiveToken>, number, RegExp][] = [
      [{ token_type: 'refresh_token' }, 401, /not an access token/],
      [{ iss: `${ISSUER}/` }, 401, /issuer/],
      [{ aud: 'http://localhost:3002' }, 401, /\(aud\)/],
      [{ exp: now() - 90 }, 401, /expired/],
      [{ jti: undefined }, 401, /claims: jti/],
      [{ scope: 'openid notes:write' }, 403, /requires the scope notes:read/],
    ];
    for (const [overrides, status, description] of cases) {
      endpoint.answer = { status: 200, body: active(overrides) };
      const refusal = await guardWith(0).answer();
      expect([overrides, refusal?.getStatus(), refusal?.errorDescription]).toEqual([
        overrides,
        status,
        expect.stringMatching(description),
      ]);
    }
  });

  describe('the cache of positive answers', () => {
    it('asks once for a token used again within the cache time', async () => {
      const { answer } = guardWith(5);
      expect(await answer()).toBeUndefined();
      expect(await answer()).toBeUndefined();
      expect(endpoint.requests).toHaveLength(1);
      // Another token is another question.
      expect(await answer('another-token')).toBeUndefined();
      expect(endpoint.requests).toHaveLength(2);
    });

    it('never keeps a negative answer: an inactive token is asked about every time', async () => {
      endpoint.answer = { status: 200, body: { active: false } };
      const { answer } = guardWith(5);
      expect(await answer()).toBeInstanceOf(InvalidToken);
      expect(await answer()).toBeInstanceOf(InvalidToken);
      expect(endpoint.requests).toHaveLength(2);
    });

    it('keeps nothing with cacheSeconds 0: a revocation is seen on the very next request', async () => {
      const { answer } = guardWith(0);
      expect(await answer()).toBeUndefined();
      endpoint.answer = { status: 200, body: { active: false } };
      expect(await answer()).toBeInstanceOf(InvalidToken);
      expect(endpoint.requests).toHaveLength(2);
    });

    it('a revocation is seen once the cached answer runs out, not before', async () => {
      const { answer } = guardWith(1);
      expect(await answer()).toBeUndefined();
      endpoint.answer = { status: 200, body: { active: false } };
      expect(await answer()).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expect(await answer()).toBeInstanceOf(InvalidToken);
    });

    it("asked afresh (the demo's report), it always asks auth-server, and leaves the cache as it was", async () => {
      const { checks, answer } = guardWith(5);
      await checks.run('opaque-token', ['notes:read'], { fresh: true });
      expect(endpoint.requests).toHaveLength(1);
      expect(await answer()).toBeUndefined();
      expect(endpoint.requests).toHaveLength(2);
      await checks.run('opaque-token', ['notes:read'], { fresh: true });
      expect(endpoint.requests).toHaveLength(3);
    });
  });

  describe('when auth-server cannot be asked: 503, never a 500, never "valid"', () => {
    // Each row names how long the guard waits for an answer: long where the stand-in answers at
    // once (an answer must never be mistaken for a time-out on a loaded machine), short where it
    // never answers (whatever the wait, it ends in a time-out).
    const answersAtOnce = 30_000;
    it.each<[string, () => void, number]>([
      [
        'a 500',
        () => (endpoint.answer = { status: 500, body: { error: 'server_error' } }),
        answersAtOnce,
      ],
      ['a 503', () => (endpoint.answer = { status: 503, body: {} }), answersAtOnce],
      [
        "a 401 (resource-api's own credentials refused)",
        () => (endpoint.answer = { status: 401, body: { error: 'invalid_client' } }),
        answersAtOnce,
      ],
      [
        'a 200 that is no introspection answer',
        () => (endpoint.answer = { status: 200, body: [] }),
        answersAtOnce,
      ],
      ['no answer in time', () => (endpoint.answer = 'hang'), 300],
    ])('%s -> IntrospectionUnavailable (503, Retry-After)', async (_label, arrange, timeoutMs) => {
      arrange();
      const refusal = await guardWith(5, 'resource-api-secret', timeoutMs).answer();
      expect(refusal).toBeInstanceOf(IntrospectionUnavailable);
      expect(refusal).toBeInstanceOf(TemporarilyUnavailable);
      expect(refusal?.getStatus()).toBe(503);
      expect(refusal?.error).toBe('temporarily_unavailable');
      expect(hops.at(-1)).toMatchObject({ step: 6, ok: false });
    });

    it('nothing listening -> 503 too, and the log line says why', async () => {
      const closed = new FakeIntrospectionEndpoint();
      await closed.start();
      await closed.stop();
      const options: ResourceGuardsOptions = {
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUri: 'http://127.0.0.1:9/jwks.json',
        stepLog: { caller: 'client-web' },
        introspection: {
          url: closed.url,
          clientId: 'resource-api',
          clientSecret: 'resource-api-secret',
          cacheSeconds: 5,
        },
      };
      const checks = new IntrospectionChecks(options, new TokenIntrospector(options, flowLog));
      const run = await checks.run('opaque-token', ['notes:read']);
      expect(run.failure?.answer).toBeInstanceOf(IntrospectionUnavailable);
      expect(run.checks[0]).toEqual({
        name: 'active',
        outcome: 'fail',
        detail: 'auth-server could not be asked (no answer (ECONNREFUSED))',
        rfc: 'RFC 7662 §2.2',
      });
      expect(run.checks.slice(1).map((check) => check.outcome)).toEqual(
        Array.from({ length: 6 }, () => 'skipped'),
      );
      expect(hops.at(-1)?.outcome).toBe('no answer (ECONNREFUSED): 503 until it answers');
    });

    it('a cached positive answer still serves while auth-server is away, for its cache time only', async () => {
      const { answer } = guardWith(5);
      expect(await answer()).toBeUndefined();
      endpoint.answer = { status: 500, body: {} };
      expect(await answer()).toBeUndefined();
      expect(await answer('never-asked-before')).toBeInstanceOf(IntrospectionUnavailable);
    });
  });
});
