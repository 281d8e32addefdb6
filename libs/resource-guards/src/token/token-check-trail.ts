import type { TokenCheckRun } from './token-check';

/**
 * What step 6 found about a request's token, kept beside the request (not on it: nothing a
 * handler could serialise by mistake) for the Principal of the route and the lines of the story.
 */
const trails = new WeakMap<object, TokenCheckRun>();

export function recordTokenChecks(request: object, run: TokenCheckRun): void {
  trails.set(request, run);
}

/** The checks AccessTokenGuard made for this request; undefined before them or without a token. */
export function tokenChecksOf(request: object): TokenCheckRun | undefined {
  return trails.get(request);
}
