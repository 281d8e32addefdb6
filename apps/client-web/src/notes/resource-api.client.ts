import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { type NewNote, type Note, NoteListSchema } from '@oauth-flow-lab/contracts';

/** How a call to resource-api went, as far as the page needs to know. */
export type ResourceApiResult<T> =
  | { kind: 'ok'; value: T }
  /** RFC 6750 §3.1: 401, the token is missing, expired, revoked or otherwise invalid. */
  | { kind: 'token-rejected'; challenge: string }
  /** RFC 6750 §3.1: 403 insufficient_scope, the token lacks the scope this call needs. */
  | { kind: 'insufficient-scope'; challenge: string }
  | { kind: 'unavailable'; reason: string };

const TIMEOUT_MS = 5000;

/**
 * Step 5, RFC 6750 §2.1: calls resource-api with the access token in the Authorization header
 * (never in the URL, §2.3), from the server: the token never reaches the browser.
 */
@Injectable()
export class ResourceApiClient {
  private readonly logger = new Logger(ResourceApiClient.name);

  constructor(@Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig) {}

  /** GET /notes, scope notes:read. */
  async listNotes(accessToken: string): Promise<ResourceApiResult<Note[]>> {
    const answer = await this.call('GET', '/notes', accessToken);
    if (answer.kind !== 'ok') {
      return answer;
    }
    const notes = NoteListSchema.safeParse(answer.value);
    return notes.success
      ? { kind: 'ok', value: notes.data }
      : { kind: 'unavailable', reason: 'resource-api answered with something other than notes.' };
  }

  /** POST /notes, scope notes:write. */
  async createNote(accessToken: string, note: NewNote): Promise<ResourceApiResult<unknown>> {
    return this.call('POST', '/notes', accessToken, note);
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    accessToken: string,
    body?: unknown,
  ): Promise<ResourceApiResult<unknown>> {
    let response: Response;
    try {
      response = await fetch(`${this.config.resourceApiUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${accessToken}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error: unknown) {
      this.logger.warn(`${method} ${path}: ${error instanceof Error ? error.message : 'failed'}`);
      return { kind: 'unavailable', reason: 'resource-api could not be reached.' };
    }
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (response.status === 401) {
      return { kind: 'token-rejected', challenge };
    }
    if (response.status === 403) {
      return { kind: 'insufficient-scope', challenge };
    }
    if (!response.ok) {
      return { kind: 'unavailable', reason: `resource-api answered HTTP ${response.status}.` };
    }
    try {
      const text = await response.text();
      const value: unknown = text === '' ? null : JSON.parse(text);
      return { kind: 'ok', value };
    } catch {
      return { kind: 'unavailable', reason: 'resource-api did not answer with JSON.' };
    }
  }
}
