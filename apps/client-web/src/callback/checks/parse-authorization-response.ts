import { InvalidAuthorizationResponse } from '../../errors/client-web-errors';

/** The parameters of an authorization response (RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207 §2). */
export interface AuthorizationResponse {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
  error_description?: string;
}

const PARAMETERS = ['code', 'state', 'iss', 'error', 'error_description'] as const;

/**
 * Step 3 begins: reads the query of the callback URL. RFC 6749 §3.1: parameters MUST NOT be
 * included more than once, so `?state=a&state=b` (which the query parser turns into an array) is
 * refused rather than guessing which one counts. Other parameters are ignored.
 */
export function parseAuthorizationResponse(query: unknown): AuthorizationResponse {
  const source = typeof query === 'object' && query !== null ? query : {};
  const response: AuthorizationResponse = {};
  for (const name of PARAMETERS) {
    const value: unknown = (source as Record<string, unknown>)[name];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string') {
      throw new InvalidAuthorizationResponse(`The ${name} parameter must be sent exactly once.`);
    }
    response[name] = value;
  }
  return response;
}
