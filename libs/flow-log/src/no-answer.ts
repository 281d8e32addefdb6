/** undici's timeouts (`request`'s headersTimeout and bodyTimeout, its connect timeout), by code. */
const UNDICI_TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Why a back-channel call got no answer, as a log line may say it: `no answer within 5 s` (the
 * timeout) or `no answer (ECONNREFUSED)` (a network error code); undefined when the error is
 * neither. Both shapes of Node's HTTP clients: fetch's (a TimeoutError from its AbortSignal, or a
 * TypeError whose `cause` has the code) and undici's `request` (an error with the code itself).
 * Read by shape, not `instanceof Error`: the errors may come from another realm (a test's VM
 * context).
 */
export function noAnswerReason(error: unknown, timeoutMs: number): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const code = 'code' in error ? error.code : undefined;
  if (
    ('name' in error && error.name === 'TimeoutError') ||
    (typeof code === 'string' && UNDICI_TIMEOUTS.has(code))
  ) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return `no answer (${code})`;
  }
  const cause = 'cause' in error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    return `no answer (${String(cause.code)})`;
  }
  return undefined;
}
