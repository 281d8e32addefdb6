import type { TokenCheckName } from '@oauth-flow-lab/contracts';
import type { TokenFacts } from '../step-six.events';
import { TokenCheckFailure } from './token-check';

/**
 * The guard's refusal: the check of step 6 that failed first, what it found, and the API's answer
 * (RFC 6750 §3.1), with what could be read of the token for the log. Thrown by the validations
 * (validation/*.ts), caught by AccessTokenGuard, which tells it (StepSixEvents) and answers with
 * `answer`.
 */
export class TokenRefused extends Error {
  constructor(
    readonly check: TokenCheckName,
    readonly failure: TokenCheckFailure,
    readonly facts: TokenFacts,
  ) {
    super(`${check}: ${failure.detail}`);
    this.name = 'TokenRefused';
  }
}

/**
 * Makes one named check of the guard's list: its value, or, when the token fails it, the refusal
 * naming it. Anything else a check throws is a bug and stays what it is (a 500).
 */
export function checked<T>(check: TokenCheckName, facts: TokenFacts, make: () => T): T {
  try {
    return make();
  } catch (error: unknown) {
    throw error instanceof TokenCheckFailure ? new TokenRefused(check, error, facts) : error;
  }
}
