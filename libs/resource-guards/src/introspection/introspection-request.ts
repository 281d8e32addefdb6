import { type IntrospectionResponse, IntrospectionResponseSchema } from '@oauth-flow-lab/contracts';
import { flowHeaders, noAnswerReason } from '@oauth-flow-lab/flow-log';
import type { IntrospectionOptions } from '../resource-guards.options';

/** A hanging authorization server must not hold requests for long (as for the JWKS). */
export const INTROSPECTION_TIMEOUT_MS = 5000;

/** auth-server gave no usable answer; `reason` is for the log line, never holds the token. */
export class NoIntrospectionAnswer extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NoIntrospectionAnswer';
  }
}

/**
 * Step 6 in introspection mode, the request itself (RFC 7662 §2.1): resource-api POSTs the token
 * to auth-server's introspection endpoint, over the back channel,
 *
 *   POST /introspect
 *   Authorization: Basic base64(urlencode("resource-api") ":" urlencode(secret))
 *   Content-Type: application/x-www-form-urlencoded
 *
 *   token=<the access token>&token_type_hint=access_token
 *
 * authenticated as a client (§2.1: "to prevent token scanning attacks"), with client_secret_basic
 * (RFC 6749 §2.3.1), the flow's `traceparent` (so auth-server logs it under the same flow id) and
 * a timeout. The answer must be a 200 introspection response (§2.2, libs/contracts
 * introspection.ts); anything else, or none, is NoIntrospectionAnswer: a 401 (our credentials
 * refused), a 5xx, a timeout, a refused connection, a body that is not one. Redirects are not
 * followed: the token goes to the configured URL and nowhere else.
 *
 * Node's `fetch`, where login-ui and client-web call through undici's `request`: measured with it,
 * this path was no faster (auth-server's /introspect is most of its time), and resource-api would
 * have loaded undici's own copy, 3-4 MB more RSS, in jwt mode too (bench/README.md, "Issue 17").
 */
export async function postIntrospectionRequest(
  options: IntrospectionOptions,
  token: string,
): Promise<IntrospectionResponse> {
  const timeoutMs = options.timeoutMs ?? INTROSPECTION_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: {
        Authorization: clientSecretBasic(options.clientId, options.clientSecret),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...flowHeaders(),
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error: unknown) {
    throw new NoIntrospectionAnswer(noAnswerReason(error, timeoutMs) ?? 'no answer');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) {
    throw new NoIntrospectionAnswer(
      `401 ${errorOf(body)}: auth-server refused resource-api's own credentials (check the introspection client id and secret)`,
    );
  }
  if (response.status !== 200) {
    throw new NoIntrospectionAnswer(`${response.status} ${errorOf(body)}`.trim());
  }
  const answer = IntrospectionResponseSchema.safeParse(body);
  if (!answer.success) {
    throw new NoIntrospectionAnswer('200 but not an introspection response (RFC 7662 §2.2)');
  }
  return answer.data;
}

/**
 * RFC 6749 §2.3.1: the client id and secret, each application/x-www-form-urlencoded (Appendix B:
 * what URLSearchParams writes) before they are joined by `:`, so a `:` or `%` in a secret cannot
 * change whose credentials they are.
 */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  const formEncoded = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);
  const credentials = `${formEncoded(clientId)}:${formEncoded(clientSecret)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/** The OAuth `error` of an error body, when it has a printable one. */
function errorOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'string' && /^[\x21-\x7E]{1,64}$/.test(error)) {
      return error;
    }
  }
  return '';
}
