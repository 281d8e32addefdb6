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
}

/** Injection token for the options given to ResourceGuardsModule.register. */
export const RESOURCE_GUARDS_OPTIONS = Symbol('RESOURCE_GUARDS_OPTIONS');
