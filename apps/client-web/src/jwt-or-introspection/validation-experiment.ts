import type { TokenValidationComparison } from '@oauth-flow-lab/contracts';
import { createHash } from 'node:crypto';

/** What resource-api's comparison endpoint answered, as far as the page needs to know. */
export type ComparisonAnswer =
  | { kind: 'comparison'; comparison: TokenValidationComparison }
  /** resource-api runs without DEMO_MODE: the route does not exist (404). */
  | { kind: 'demo-mode-off' }
  | { kind: 'no-comparison'; reason: string };

/**
 * The page's experiment, kept in the session until the next one: the access token validated both
 * ways, revoked at auth-server, validated both ways again. Nothing in it is secret: the token is
 * named by a fingerprint, and the comparisons never hold it.
 */
export interface ValidationExperiment {
  /** ISO time of the revocation. */
  at: string;
  /** Fingerprint of the access token it was made with (tokenFingerprint). */
  tokenFingerprint: string;
  /** epoch seconds: when that token expires, as client-web knows it (expires_in). */
  expiresAt: number;
  before: ComparisonAnswer;
  /** auth-server's answer to POST /revoke (RFC 7009 §2.2: 200, or why it is not confirmed). */
  revocation: { revoked: true } | { revoked: false; reason: string };
  after: ComparisonAnswer;
}

/**
 * Tells whether the session still holds the token an experiment was made with, without keeping
 * the token: the first 16 characters of its SHA-256 (base64url).
 */
export function tokenFingerprint(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url').slice(0, 16);
}

declare module 'express-session' {
  interface SessionData {
    /** The last "JWT or introspection?" experiment (demo mode only). */
    validationExperiment: ValidationExperiment;
  }
}
