import { flowHeaders } from '@oauth-flow-lab/flow-log';
import type { ClientWebConfig } from '../config/client-web.config';
import { clientSecretBasic } from '../connect/client-secret-basic';

/** How a back-channel POST to auth-server went: an answer (any status), or none at all. */
export type BackChannelAnswer =
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'unreachable'; reason: string };

const TIMEOUT_MS = 5000;

/**
 * A server-to-server POST to one of auth-server's client endpoints (token, revocation), the way
 * RFC 6749 §3.2 and RFC 7009 §2.1 want it: the parameters form-encoded in the body, the client
 * authenticated with client_secret_basic (RFC 6749 §2.3.1) and nothing else, a bounded wait.
 * Never throws: a refused connection, a timeout or a non-JSON body are answers the caller handles.
 * Like every back-channel call, it carries the flow id in `traceparent` (flow-log's flowHeaders).
 */
export async function postToAuthServer(
  url: string,
  config: ClientWebConfig,
  form: Record<string, string>,
): Promise<BackChannelAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: clientSecretBasic(config.client.id, config.client.secret),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...flowHeaders(),
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { kind: 'unreachable', reason: 'auth-server could not be reached' };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { kind: 'unreachable', reason: 'auth-server did not finish its answer' };
  }
  return { kind: 'answered', status: response.status, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}
