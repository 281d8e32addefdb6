/**
 * Why a back-channel fetch got no answer, as a log line may say it: `no answer within 5 s` (the
 * timeout) or `no answer (ECONNREFUSED)` (a network error code); undefined when the error is
 * neither. Read by shape, not `instanceof Error`: fetch's errors may come from another realm (a
 * test's VM context).
 */
export function noAnswerReason(error: unknown, timeoutMs: number): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  if ('name' in error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = 'cause' in error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    return `no answer (${String(cause.code)})`;
  }
  return undefined;
}
