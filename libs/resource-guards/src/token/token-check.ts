import type { KeyObject } from 'node:crypto';
import type { TokenCheck, TokenCheckName } from '@oauth-flow-lab/contracts';
import type { ResourceAccessError } from '../errors/resource-access.errors';
import type { IntrospectionAnswer } from '../introspection/token-introspector';
import type { JoseHeader } from './check-jose-header';
import type { Principal } from '../principal/principal';
import type { SignatureVerdict } from './verify-signature';

/**
 * Step 6 as a list of named checks (libs/contracts token-checks.ts names them). One list serves
 * both the guard of the API (AccessTokenGuard: the first failure is the answer) and the demo's
 * report (inspectAccessToken: every check's outcome), so the two cannot tell different stories.
 *
 * The report makes the list in one go (runTokenChecks). The guard makes the same list, in the same
 * order, in three phases around passport-jwt (AccessTokenStrategy): a run is started, continued
 * through `header` before the key is handed over, and continued to its end once jsonwebtoken has
 * judged the signature (continueTokenChecks).
 *
 * In introspection mode (TOKEN_VALIDATION=introspection) the list is the one of
 * introspection/introspection-checks.ts, made the same way by the guard and the demo, in one go.
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
  /**
   * What jsonwebtoken said of the signature. On the guard's path passport-jwt asked it and
   * AccessTokenStrategy keeps the answer here; otherwise the `signature` check asks it.
   */
  signatureVerdict?: SignatureVerdict;
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

/**
 * Where a check of the JWT list falls on the guard's path through passport-jwt:
 * - `header`: before the key is handed over (secretOrKeyProvider): format, alg, typ, kid;
 * - `signature`: jsonwebtoken's verification, made inside passport-jwt;
 * - `claims`: once it verified (the strategy's validate()): iss, aud, exp, nbf, claims, scope.
 */
export const TOKEN_CHECK_PHASES = ['header', 'signature', 'claims'] as const;
export type TokenCheckPhase = (typeof TOKEN_CHECK_PHASES)[number];

/** One check of step 6, with the RFC section it follows. */
export interface TokenCheckStep {
  name: TokenCheckName;
  rfc: string;
  /**
   * JWT list only, where passport-jwt makes it; the phases come in list order (a check never
   * belongs to a phase before its predecessor's). The introspection list has none: it is made in
   * one go.
   */
  phase?: TokenCheckPhase;
  /** The checks that must have passed for this one to be made; otherwise it is `skipped`. */
  needs: readonly TokenCheckName[];
  /** Makes the check and says what it found; throws TokenCheckFailure when the token fails it. */
  run(subject: TokenUnderCheck): string | Promise<string>;
}

/** The checks made so far, in order, and the first failure: the answer the API gives. */
export interface TokenCheckRun {
  /** The list being made; `checks` holds the outcomes of its first `checks.length` steps. */
  steps: readonly TokenCheckStep[];
  subject: TokenUnderCheck;
  checks: TokenCheck[];
  failure: TokenCheckFailure | undefined;
}

/** A run of `steps` on `subject` with no check made yet. */
export function startTokenChecks(
  steps: readonly TokenCheckStep[],
  subject: TokenUnderCheck,
): TokenCheckRun {
  return { steps, subject, checks: [], failure: undefined };
}

/** Every check of `steps` on `subject`, in one go: the report's way. */
export function runTokenChecks(
  steps: readonly TokenCheckStep[],
  subject: TokenUnderCheck,
): Promise<TokenCheckRun> {
  return continueTokenChecks(startTokenChecks(steps, subject));
}

/**
 * Makes the checks of `run` not made yet, in order, up to the end of phase `through` (to the end of
 * the list without it). The outcomes already in the run count as the earlier ones always do.
 *
 * A check whose prerequisites did not all pass is `skipped`; the others are made even after a
 * failure, so a report shows everything that is wrong. The first failure is the API's answer: the
 * checks before it passed, exactly as when the guard stops there.
 */
export async function continueTokenChecks(
  run: TokenCheckRun,
  through?: TokenCheckPhase,
): Promise<TokenCheckRun> {
  const last = through === undefined ? Infinity : TOKEN_CHECK_PHASES.indexOf(through);
  for (let step = nextTokenCheck(run); step !== undefined; step = nextTokenCheck(run)) {
    if (step.phase !== undefined && TOKEN_CHECK_PHASES.indexOf(step.phase) > last) {
      break;
    }
    await makeCheck(run, step);
  }
  return run;
}

/** The first check of the list the run has not made yet; undefined once it is complete. */
export function nextTokenCheck(run: TokenCheckRun): TokenCheckStep | undefined {
  return run.steps[run.checks.length];
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
