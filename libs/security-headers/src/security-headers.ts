import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers (X-Content-Type-Options, Content-Security-Policy, X-Frame-Options, …)
 * on every answer of a Nest app on Fastify, asked of helmet once, at boot. Not a step of the flow
 * but around all of them: a page of the authorization server that may not be framed is RFC 6749
 * §10.13's defence against clickjacking (frame-ancestors, X-Frame-Options), and an answer that is
 * never sniffed as another type keeps a JSON error from being run as a page.
 *
 * Why an adapter: helmet is Express middleware, a dozen functions that each call `setHeader` on
 * every response. On Fastify, Nest runs it through @fastify/middie, and @fastify/helmet calls
 * helmet anew on every request; either way a verified GET spent 17% of its CPU on headers that
 * are the same for every response (bench/README.md, "Issue 17"). With options that compute
 * nothing per request (no CSP nonce), they are: so helmet writes them once, on a response that is
 * never sent, and a Fastify `onRequest` hook gives each reply that set, which Fastify writes with
 * its own headers. The hook runs for every request, a 404 and a refused one included.
 */
export function useSecurityHeaders(app: NestFastifyApplication, options?: HelmetOptions): void {
  const headers = securityHeadersOf(options);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
}

/** The headers helmet sets with these options, from running it once on an unsent response. */
export function securityHeadersOf(options?: HelmetOptions): Record<string, string> {
  assertComputesNothingPerRequest(options);
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  let finished = false;
  let failure: unknown;
  helmet(options)(response.req, response, (error?: unknown) => {
    finished = true;
    failure = error;
  });
  if (failure !== undefined) {
    throw new Error('helmet refused these options', { cause: failure });
  }
  if (!finished) {
    throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return headers;
}

/** A CSP directive given as a function (a nonce per response) cannot be computed once. */
function assertComputesNothingPerRequest(options: HelmetOptions | undefined): void {
  const csp = options?.contentSecurityPolicy;
  if (typeof csp !== 'object' || csp.directives === undefined) {
    return;
  }
  for (const [name, values] of Object.entries(csp.directives)) {
    if (
      values !== null &&
      typeof values === 'object' &&
      Symbol.iterator in values &&
      [...values].some((value) => typeof value === 'function')
    ) {
      throw new Error(
        `Content-Security-Policy ${name} is computed per request: useSecurityHeaders sets the same headers on every response`,
      );
    }
  }
}
