import { Inject, Injectable, Logger } from '@nestjs/common';
import { type NewNote, type Note, NoteListSchema } from '@oauth-flow-lab/contracts';
import { flowHeaders } from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import { type Dispatcher, request } from 'undici';
import { ClientFlowEvents, type ResourceApiAnswer } from '../client-flow.events';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';

/** How a call to resource-api went, as far as the page needs to know. */
export type ResourceApiResult<T> =
  | { kind: 'ok'; value: T }
  /** RFC 6750 §3.1: 401, the token is missing, expired, revoked or otherwise invalid. */
  | { kind: 'token-rejected'; challenge: string }
  /** RFC 6750 §3.1: 403 insufficient_scope, the token lacks the scope this call needs. */
  | { kind: 'insufficient-scope'; challenge: string }
  | { kind: 'unavailable'; reason: string };

const TIMEOUT_MS = 5000;

/** One call: its route, the scope resource-api requires for it, and what its answer means. */
interface ApiCall<T> {
  method: 'GET' | 'POST';
  path: string;
  scope: string;
  body?: unknown;
  /** Reads a 2xx body; undefined when it is not what the route serves. */
  read: (body: unknown) => { value: T; served: string } | undefined;
}

/**
 * Step 5 of the six, RFC 6750 §2.1: calls resource-api with the access token in the Authorization
 * header (never in the URL, §2.3), from the server: the token never reaches the browser. Each call
 * is told (`resource-api-called`); in demo mode a listener then asks resource-api for its step 6
 * report on the same token (flow/token-checks.client.ts).
 *
 * Through undici's `request`, the HTTP client under Node's `fetch`, without fetch's WHATWG layer:
 * a third of the CPU a call (bench/README.md, "Issue 17"). Its timeouts are the deadline; a body
 * the page does not need is still read to its end (`dump`), so the connection serves the next call.
 */
@Injectable()
export class ResourceApiClient {
  private readonly logger = new Logger(ResourceApiClient.name);

  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly events: ClientFlowEvents,
  ) {}

  /** GET /notes, scope notes:read. */
  listNotes(req: Request, accessToken: string): Promise<ResourceApiResult<Note[]>> {
    return this.call(req, accessToken, {
      method: 'GET',
      path: '/notes',
      scope: 'notes:read',
      read: (body) => {
        const notes = NoteListSchema.safeParse(body);
        return notes.success
          ? { value: notes.data, served: `${notes.data.length} notes` }
          : undefined;
      },
    });
  }

  /** POST /notes, scope notes:write. */
  createNote(
    req: Request,
    accessToken: string,
    note: NewNote,
  ): Promise<ResourceApiResult<unknown>> {
    return this.call(req, accessToken, {
      method: 'POST',
      path: '/notes',
      scope: 'notes:write',
      body: note,
      read: (body) => (body === undefined ? undefined : { value: body, served: 'note created' }),
    });
  }

  private async call<T>(
    req: Request,
    accessToken: string,
    call: ApiCall<T>,
  ): Promise<ResourceApiResult<T>> {
    const url = `${this.config.resourceApiUrl}${call.path}`;
    const { result, answer } = await this.send(url, accessToken, call);
    await this.events.emit({
      type: 'resource-api-called',
      request: req,
      method: call.method,
      url,
      accessToken,
      requiredScope: call.scope,
      answer,
    });
    return result;
  }

  private async send<T>(
    url: string,
    accessToken: string,
    call: ApiCall<T>,
  ): Promise<{ result: ResourceApiResult<T>; answer: ResourceApiAnswer }> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...flowHeaders(),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
    } catch (error: unknown) {
      const reason = 'resource-api could not be reached.';
      this.logger.warn(
        `${call.method} ${call.path}: ${error instanceof Error ? error.message : 'failed'}`,
      );
      return { result: { kind: 'unavailable', reason }, answer: { kind: 'unreachable', reason } };
    }
    const status = response.statusCode;
    const challenge = headerOf(response, 'www-authenticate');
    const answered = { kind: 'answered', status, challenge } as const;
    if (status < 200 || status >= 300) {
      // RFC 6750 §3.1: the body of a 401 or 403 says nothing the challenge does not.
      await response.body.dump().catch(() => undefined);
      if (status === 401) {
        return { result: { kind: 'token-rejected', challenge }, answer: answered };
      }
      if (status === 403) {
        return { result: { kind: 'insufficient-scope', challenge }, answer: answered };
      }
      const reason = `resource-api answered HTTP ${status}.`;
      return { result: { kind: 'unavailable', reason }, answer: answered };
    }
    const read = call.read(await readJson(response));
    if (read === undefined) {
      const reason = 'resource-api answered with something other than what was asked for.';
      return { result: { kind: 'unavailable', reason }, answer: { ...answered, served: reason } };
    }
    return {
      result: { kind: 'ok', value: read.value },
      answer: { ...answered, served: read.served },
    };
  }
}

/** One header of the answer, its values joined as fetch's Headers.get joins them; '' when absent. */
function headerOf(response: Dispatcher.ResponseData, name: string): string {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** The JSON body, or undefined when there is none or it does not parse. */
async function readJson(response: Dispatcher.ResponseData): Promise<unknown> {
  try {
    const text = await response.body.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
