import type { IncomingHttpHeaders } from 'node:http';
import { redactUrl } from './redact';

/**
 * The request line: one per HTTP request, `GET /callback?code=Yt3kq9Zr… → 303`, beside the story
 * the hops tell. Written at `debug` when the request went well (the story says it at `info`), at
 * `error` for a 5xx. pino-http writes it on Express (login-ui, client-web); on Fastify
 * (auth-server, resource-api) an `onResponse` hook does (flow-log.module.ts). Both by these rules.
 */
export type RequestLineLevel = 'debug' | 'error';

/**
 * `error` for a failed request (a 5xx, or an error before the answer), `debug` otherwise. A
 * failing health check is reported by the check itself (terminus) and polled every few seconds
 * by compose: it stays at debug like every healthy request.
 */
export function requestLineLevel(
  url: string | undefined,
  statusCode: number,
  failed = false,
): RequestLineLevel {
  return (failed || statusCode >= 500) && !isHealthCheck(url) ? 'error' : 'debug';
}

/** `GET /callback?code=Yt3kq9Zr%E2%80%A6&state=%E2%80%A6 → 303`: the secrets shortened (redact.ts). */
export function requestLineMessage(
  method: string | undefined,
  url: string | undefined,
  statusCode: number,
): string {
  return `${method ?? ''} ${redactUrl(url ?? '')} → ${statusCode}`;
}

function isHealthCheck(url: string | undefined): boolean {
  return url === '/health' || (url?.startsWith('/health?') ?? false);
}

/** What the request line reads of a Fastify request and its reply (the library does not depend on fastify). */
export interface RequestSeen {
  id: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ReplySeen {
  statusCode: number;
  /** Milliseconds since the request arrived. */
  elapsedTime: number;
  getHeader(name: string): unknown;
}
