import type { IncomingHttpHeaders } from 'node:http';

/**
 * What auth-server reads of a request. Fastify (which auth-server runs on) and Express both hand
 * Nest a request with these names, so the endpoints, checks and logs never ask which adapter runs
 * them; only http/ (the bodies, the browser-binding cookie) and app.setup.ts know it is Fastify.
 */
export interface HttpRequest {
  method: string;
  /** The path and query as the client sent them. */
  originalUrl: string;
  headers: IncomingHttpHeaders;
  /** The parsed query string: flat, a repeated parameter an array (RequestParameters refuses it). */
  query: Record<string, unknown>;
  /** The parsed form or JSON body, when the request had one this listener reads. */
  body?: unknown;
  /** The client's address, behind TRUST_PROXY_HOPS reverse proxies (the failure counters' key). */
  ip: string;
  /** The cookies received (@fastify/cookie, as cookie-parser on Express, names them so). */
  cookies?: Record<string, string | undefined>;
}

/** The path of the request, without its query: `/token`, `/authorize/after-login`. */
export function pathOf(request: Pick<HttpRequest, 'originalUrl'>): string {
  const query = request.originalUrl.indexOf('?');
  return query === -1 ? request.originalUrl : request.originalUrl.slice(0, query);
}
