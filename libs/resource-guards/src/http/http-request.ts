import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/**
 * What step 6 reads of a request. Express and Fastify (resource-api runs on Fastify) both hand
 * Nest a request with these names, so the guard, the decorators and the step log never ask which
 * adapter runs them.
 */
export interface HttpRequest {
  method: string;
  /** The path and query as the client sent them. */
  originalUrl: string;
  headers: IncomingHttpHeaders;
  /** The parsed query string (flat: both apps keep `a[b]=c` a plain key). */
  query: unknown;
  /** The parsed body, when the request had one. */
  body?: unknown;
}

/**
 * The Node response under the adapter's own: Express's response is the ServerResponse itself,
 * Fastify's reply wraps it as `raw`. Only the Node object says when the answer has been sent
 * (`finish`), which Nest's adapter interface does not.
 */
export function serverResponseOf(
  response: ServerResponse | { raw: ServerResponse },
): ServerResponse {
  return 'raw' in response ? response.raw : response;
}
