import fc from 'fast-check';
import { bodyFor, bodyHeaders } from './bodies';
import { type BodyChoice, type Envelope, methodHasBody } from './envelopes';
import { type Parameter, withQuery } from './parameters';

/**
 * The request the fuzzer sends, how it is assembled (every value it carries kept in `sent`, for
 * the check that no answer leaks a token the request did not bring: RFC 6749 §10.3, §10.4) and how
 * a failure report describes it. Also the fixtures the spec hands in: targets and client secrets.
 */

/** One request as the fuzzer sends it: everything needed to send it again by hand. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: Uint8Array;
  /**
   * Every value the request carried, before encoding: a JWT the answer echoes back from these (an
   * error page quoting a parameter) is the fuzzer's own, not one the server issued.
   */
  sent: string[];
}

/** Where the four services listen: RunningServices['urls'] without the admin listener. */
export interface FuzzTargets {
  authServer: string;
  loginUi: string;
  clientWeb: string;
  resourceApi: string;
}

export interface ClientSecret {
  id: string;
  secret: string;
}

function abbreviate(value: string, max: number): string {
  const shown = JSON.stringify(value.slice(0, max));
  return value.length > max ? `${shown}… (${value.length} characters)` : shown;
}

/** The request as a reader wants it in a failure report: long values cut, the body as text. */
export function describeRequest(request: FuzzRequest): string {
  const lines = [`  ${request.method} ${abbreviate(request.url, 800)}`];
  for (const [name, value] of request.headers) {
    lines.push(`  ${name}: ${abbreviate(value, 300)}`);
  }
  if (request.body !== undefined) {
    const body = Buffer.from(request.body).toString('latin1');
    lines.push(`  body (${request.body.length} bytes, latin1): ${abbreviate(body, 800)}`);
  }
  return lines.join('\n');
}

/** Assembles a request; `sent` collects every value it carries, for the token-leak check. */
export function buildRequest(parts: {
  method: string;
  url: string;
  query?: readonly Parameter[];
  headers?: readonly [string, string][];
  authorization?: string;
  body?: { body: BodyChoice; parameters: readonly Parameter[] };
}): FuzzRequest {
  const headers: [string, string][] = [...(parts.headers ?? [])];
  if (parts.authorization !== undefined) {
    headers.push(['authorization', parts.authorization]);
  }
  if (parts.body) {
    headers.push(...bodyHeaders(parts.body.body));
  }
  const parameters = [...(parts.query ?? []), ...(parts.body?.parameters ?? [])];
  const request: FuzzRequest = {
    method: parts.method,
    url: withQuery(parts.url, parts.query ?? []),
    headers,
    body: parts.body?.body.bytes,
    sent: [
      ...parameters.flatMap((p) => [p.name, p.value]),
      ...headers.map(([, value]) => value),
      ...(parts.body ? [Buffer.from(parts.body.body.bytes).toString('utf8')] : []),
    ],
  };
  // fast-check prints a counterexample with this (its seed and path replay it exactly).
  return Object.assign(request, { [fc.toStringMethod]: () => `\n${describeRequest(request)}` });
}

/**
 * A parameter list sent as the envelope says: in the query for GET and HEAD, else in a body of
 * the envelope's shape.
 */
export function requestWith(parts: {
  envelope: Envelope;
  url: string;
  parameters: Parameter[];
  headers: [string, string][];
  authorization?: string;
}): fc.Arbitrary<FuzzRequest> {
  const { envelope, url, parameters, headers, authorization } = parts;
  const method = envelope.method;
  if (!methodHasBody(method)) {
    return fc.constant(buildRequest({ method, url, query: parameters, headers, authorization }));
  }
  return bodyFor(fc.constant(parameters), envelope).map((body) =>
    buildRequest({ method, url, headers, authorization, body }),
  );
}
