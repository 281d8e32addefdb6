import {
  ADMIN_API_PATHS,
  AdminApiErrorSchema,
  ConsentRequestSchema,
  LoginRequestSchema,
  RedirectToSchema,
  RememberedConsentListSchema,
  type AcceptConsentRequest,
  type AcceptLoginRequest,
  type ConsentRequest,
  type LoginRequest,
  type RedirectTo,
  type RejectRequest,
  type RememberedConsent,
} from '@oauth-flow-lab/contracts';
import { flowHeaders } from '@oauth-flow-lab/flow-log';
import { type Dispatcher, errors, request } from 'undici';
import { z } from 'zod';
import {
  AdminApiBadGatewayError,
  AdminApiRefusedError,
  AdminApiUnreachableError,
  ChallengeGoneError,
  ChallengeNotFoundError,
} from './admin-api.errors';

/**
 * Step 2 of the flow, login-ui's side of the wire: the login & consent challenge API of
 * auth-server (libs/contracts/src/login-consent.ts), modelled on Ory Hydra's admin API.
 *
 * login-ui never sees a client secret, an authorization code or a token. It only learns what a
 * challenge is about (which client, which scopes), and tells auth-server who signed in and what
 * they agreed to; auth-server answers with where to send the browser next.
 *
 * Every answer is checked against the contract's zod schema, and every failure becomes one of the
 * typed errors in admin-api.errors.ts.
 *
 * Once the request being handled has joined its flow (src/flow/challenge-flow.ts), every call
 * carries `traceparent: 00-<flow id>-…` (W3C Trace Context), so auth-server's lines about the same
 * accept or reject carry the same flow id. The first fetch of a challenge goes without: login-ui
 * learns the flow id from its answer.
 *
 * The calls go through undici's `request`, the HTTP client under Node's own `fetch`, without
 * fetch's WHATWG layer (Request, Headers, body streams, an AbortSignal a call): 0.10-0.17 against
 * 0.37-0.62 ms of CPU a call with `fetch` and `AbortSignal.timeout`, and login-ui makes four a
 * sign-in (bench/README.md, "Issue 17"). Its `headersTimeout` and `bodyTimeout` are the deadline;
 * it follows no redirect (a 3xx is an unexpected status, as `redirect: 'error'` made it).
 */
export interface AdminApiClientOptions {
  /** e.g. http://127.0.0.1:3100 */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <secret>` on every call. */
  secret: string;
  timeoutMs: number;
}

export class AdminApiClient {
  constructor(private readonly options: AdminApiClientOptions) {}

  getLoginRequest(challenge: string): Promise<LoginRequest> {
    return this.call('GET', ADMIN_API_PATHS.loginRequest(challenge), LoginRequestSchema);
  }

  acceptLoginRequest(challenge: string, body: AcceptLoginRequest): Promise<RedirectTo> {
    return this.redirectCall(`${ADMIN_API_PATHS.loginRequest(challenge)}/accept`, body);
  }

  getConsentRequest(challenge: string): Promise<ConsentRequest> {
    return this.call('GET', ADMIN_API_PATHS.consentRequest(challenge), ConsentRequestSchema);
  }

  acceptConsentRequest(challenge: string, body: AcceptConsentRequest): Promise<RedirectTo> {
    return this.redirectCall(`${ADMIN_API_PATHS.consentRequest(challenge)}/accept`, body);
  }

  rejectConsentRequest(challenge: string, body: RejectRequest): Promise<RedirectTo> {
    return this.redirectCall(`${ADMIN_API_PATHS.consentRequest(challenge)}/reject`, body);
  }

  /** The user's connected apps: the consents they asked auth-server to remember. */
  listConsents(subject: string): Promise<RememberedConsent[]> {
    return this.call('GET', ADMIN_API_PATHS.subjectConsents(subject), RememberedConsentListSchema);
  }

  /** Revokes a connected app: auth-server forgets the consent and revokes the client's tokens. */
  async revokeConsent(subject: string, clientId: string): Promise<void> {
    await this.call('DELETE', ADMIN_API_PATHS.subjectConsent(subject, clientId), z.unknown());
  }

  /** An accept or reject: the answer is where the browser goes next, which must be an http(s) URL. */
  private async redirectCall(path: string, body: object): Promise<RedirectTo> {
    const answer = await this.call('PUT', path, RedirectToSchema, body);
    const url = URL.canParse(answer.redirect_to) ? new URL(answer.redirect_to) : null;
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
      throw new AdminApiBadGatewayError('redirect_to is not an http(s) URL');
    }
    return answer;
  }

  private async call<T>(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    schema: z.ZodType<T>,
    body?: object,
  ): Promise<T> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.secret}`,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...flowHeaders(),
        },
        body: body ? JSON.stringify(body) : undefined,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
    } catch (error) {
      throw new AdminApiUnreachableError(error);
    }
    const json = await readJson(response);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new AdminApiBadGatewayError(
          `the answer to ${method} ${withoutChallenge(path)} does not match the contract`,
        );
      }
      return parsed.data;
    }
    throw toError(response.statusCode, json);
  }
}

/** The answer's JSON; undefined when it is not JSON. A body that stops coming is unreachable. */
async function readJson(response: Dispatcher.ResponseData): Promise<unknown> {
  try {
    return await response.body.json();
  } catch (error) {
    if (error instanceof errors.BodyTimeoutError) {
      throw new AdminApiUnreachableError(error);
    }
    return undefined;
  }
}

/** For log messages: the endpoint, not the challenge itself. */
function withoutChallenge(path: string): string {
  return path.replace(/^(\/admin\/[a-z]+-requests\/)[^/]+/, '$1:challenge');
}

/** The admin API's error answers (contract: AdminApiErrorSchema) mapped to typed errors. */
function toError(status: number, json: unknown): Error {
  const body = AdminApiErrorSchema.safeParse(json);
  const code = body.success ? body.data.error : undefined;
  if (status === 404) {
    return new ChallengeNotFoundError();
  }
  if (status === 410) {
    return new ChallengeGoneError(code === 'already_handled' ? 'already_handled' : 'expired');
  }
  if (status === 400) {
    return new AdminApiRefusedError(body.success ? body.data.error_description : 'invalid_request');
  }
  return new AdminApiBadGatewayError(`status ${status}${code ? ` (${code})` : ''}`);
}
