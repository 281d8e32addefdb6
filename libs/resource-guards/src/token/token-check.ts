import type { KeyObject } from 'node:crypto';
import type { TokenCheck, TokenCheckName } from '@oauth-flow-lab/contracts';
import type { ResourceAccessError } from '../errors/resource-access.errors';
import type { IntrospectionAnswer } from '../introspection/token-introspector';
import type { JoseHeader } from './check-jose-header';
import type { Principal } from '../principal/principal';

/**
 * Step 6 as a list of named checks (libs/contracts token-checks.ts names them), each with the RFC
 * section it follows and the checks it needs. A list is made in one go (runTokenChecks): a check
 * whose prerequisites did not pass is `skipped`, the others are made even after a failure, so a
 * report shows everything that is wrong; the first failure is what the API answers.
 *
 * The demo's report makes the JWT list (libs/token-reports access-token-checks.ts) this way, and introspection mode
 * makes its list (introspection/introspection-checks.ts) this way both for the guard and for the
 * report. The guard's JWT path makes the same checks in one pass through passport-jwt
 * (validation/jwt-validation.ts) and stops at the first failure; a property test proves the two
 * give the API's answer alike.
 */

/** Leeway for `exp` and `nbf`: clocks of two servers are never exactly in step (RFC 7519 §4.1.4). */
export const CLOCK_TOLERANCE_SECONDS = 60;

/** A token being checked: what the checks learn, for the checks after them. */
export interface TokenUnderCheck {
  /** The compact JWS as presented. Never logged, never reported. */
  readonly token: string;
  /** The instant every time check uses, in seconds since the epoch (NumericDate, RFC 7519 §2). */
  readonly now: number;
  /** The scopes the endpoint requires, all of them. */
  readonly requiredScopes: readonly string[];
  /** Decoded by `format`, not trusted before `signature` passed. */
  header?: JoseHeader;
  payload?: Record<string, unknown>;
  /** Found by `kid` in the issuer's key set. */
  publicKey?: KeyObject;
  /** Made by `claims`. */
  principal?: Principal;
  /**
   * Introspection mode: what auth-server said of the token (RFC 7662 §2.2), found by `active`. The
   * token is then opaque here: never decoded, `header` and `payload` stay unset.
   */
  introspection?: IntrospectionAnswer;
  /** Introspection mode: ask auth-server even if a positive answer is cached (the demo's comparison). */
  readonly askIssuerAfresh?: boolean;
}

/** A check that failed: the sentence for the report and the log, and what the API answers. */
export class TokenCheckFailure extends Error {
  constructor(
    readonly detail: string,
    readonly answer: ResourceAccessError,
  ) {
    super(detail);
    this.name = 'TokenCheckFailure';
  }
}

/** One check of step 6, with the RFC section it follows. */
export interface TokenCheckStep {
  name: TokenCheckName;
  rfc: string;
  /** The checks that must have passed for this one to be made; otherwise it is `skipped`. */
  needs: readonly TokenCheckName[];
  /** Makes the check and says what it found; throws TokenCheckFailure when the token fails it. */
  run(subject: TokenUnderCheck): string | Promise<string>;
}

/** The checks made so far, in order, and the first failure: the answer the API gives. */
export interface TokenCheckRun {
  /** The list made; `checks` holds the outcome of each of its steps. */
  steps: readonly TokenCheckStep[];
  subject: TokenUnderCheck;
  checks: TokenCheck[];
  failure: TokenCheckFailure | undefined;
}

/** Every check of `steps` on `subject`, in one go. */
export async function runTokenChecks(
  steps: readonly TokenCheckStep[],
  subject: TokenUnderCheck,
): Promise<TokenCheckRun> {
  const run: TokenCheckRun = { steps, subject, checks: [], failure: undefined };
  for (const step of steps) {
    await makeCheck(run, step);
  }
  return run;
}

async function makeCheck(run: TokenCheckRun, step: TokenCheckStep): Promise<void> {
  const { name, rfc } = step;
  const notPassed = step.needs.filter(
    (need) => run.checks.find((check) => check.name === need)?.outcome !== 'pass',
  );
  if (notPassed.length > 0) {
    const detail = `not made: ${notPassed.join(', ')} did not pass`;
    run.checks.push({ name, outcome: 'skipped', detail, rfc });
    return;
  }
  try {
    const detail = await step.run(run.subject);
    run.checks.push({ name, outcome: 'pass', detail, rfc });
  } catch (error: unknown) {
    if (!(error instanceof TokenCheckFailure)) {
      throw error;
    }
    run.checks.push({ name, outcome: 'fail', detail: error.detail, rfc });
    run.failure ??= error;
  }
}

/** A value a check did set before this one ran (its `needs`); missing is a bug in the list. */
export function madeBy<T>(value: T | undefined, check: TokenCheckName): T {
  if (value === undefined) {
    throw new Error(`token check order: ${check} must pass first`);
  }
  return value;
}

/** A claim or header value as a report or a log line may quote it: JSON, so it stays on one line. */
export function quoted(value: unknown): string {
  return value === undefined ? 'missing' : (JSON.stringify(value) ?? 'unprintable');
}
