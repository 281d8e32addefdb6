import type { TokenValidationMode } from '@oauth-flow-lab/contracts';
import type { FlowParty } from '@oauth-flow-lab/flow-log';

/** What a resource server tells ResourceGuardsModule about the tokens it accepts (step 6). */
export interface ResourceGuardsOptions {
  /** The authorization server's issuer identifier: `iss` must equal it exactly (RFC 9068 §4). */
  issuer: string;
  /** This resource server's identifier: `aud` must contain it (RFC 9068 §4). */
  audience: string;
  /**
   * Where the issuer's public keys are fetched (RFC 7517 JWK Set). Only this URL is ever fetched:
   * `jku`, `x5u` or `jwk` headers inside a token are ignored (RFC 8725 §3.10).
   */
  jwksUri: string;
  /** The `realm` of the WWW-Authenticate challenge (RFC 6750 §3). Defaults to the audience. */
  realm?: string;
  /**
   * How the guards validate a token (default `jwt`): verify the JWT here with the issuer's keys, or
   * ask the issuer about it (`introspection`, RFC 7662), which needs `introspection` below.
   */
  tokenValidation?: TokenValidationMode;
  /**
   * The issuer's introspection endpoint and this resource server's credentials there. Required
   * for `tokenValidation: 'introspection'`; without it, the demo's comparison says introspection
   * is not configured.
   */
  introspection?: IntrospectionOptions;
  /**
   * The step lines of steps 5 and 6 (logging/step-six-log.ts), teaching that listens to the guard:
   * set it to have them (resource-api does in DEMO_MODE only); absent, nothing listens and the guard
   * builds no event. `caller` names the party that calls this resource server in the lines (the
   * client role of the six steps); a token of another client adds its client_id.
   */
  stepLog?: { caller: FlowParty };
}

export interface IntrospectionOptions {
  /** The introspection endpoint (RFC 7662 §2), on the back channel. */
  url: string;
  /** This resource server's client registration at the issuer (RFC 7662 §2.1: it must authenticate). */
  clientId: string;
  clientSecret: string;
  /**
   * How long a positive answer is reused, in seconds (0: never). At most that long, a revoked
   * token is still served: the revocation delay this mode accepts to spare the issuer a request.
   */
  cacheSeconds: number;
  /** How long to wait for the issuer's answer (default 5000 ms). */
  timeoutMs?: number;
}

/** Injection token for the options given to ResourceGuardsModule.register. */
export const RESOURCE_GUARDS_OPTIONS = Symbol('RESOURCE_GUARDS_OPTIONS');
