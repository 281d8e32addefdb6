import type { FlowParty } from '@oauth-flow-lab/flow-log';

/**
 * Where to read the code of each hop: the repository paths of the files that handle it, on each
 * side. The flow view prints them under every entry; handler-files.spec.ts checks that each one
 * exists, so a moved file breaks a test rather than the map silently going stale.
 */
export const HOP_HANDLER_FILES = {
  /** Step 1: /connect draws state, PKCE and nonce; auth-server's /authorize checks the request. */
  'authorization-request': {
    'client-web': [
      'apps/client-web/src/connect/connect.controller.ts',
      'apps/client-web/src/connect/authorization-request.ts',
      'apps/client-web/src/connect/passport-oauth2.adapter.ts',
    ],
    'auth-server': ['apps/auth-server/src/authorize/authorize.controller.ts'],
  },
  /** Step 2: login and consent at login-ui, then auth-server sends the browser back with a code. */
  'authorization-response': {
    'auth-server': ['apps/auth-server/src/authorize/after-consent.controller.ts'],
    'login-ui': [
      'apps/login-ui/src/login/login.controller.ts',
      'apps/login-ui/src/consent/consent.controller.ts',
    ],
    'client-web': [
      'apps/client-web/src/callback/callback.controller.ts',
      'apps/client-web/src/callback/authorization-response.ts',
    ],
  },
  /** Step 3: the code exchange, made by passport-oauth2 inside the callback's AuthServerGuard. */
  'code-exchange': {
    'client-web': [
      'apps/client-web/src/callback/callback.controller.ts',
      'apps/client-web/src/connect/auth-server.guard.ts',
      'apps/client-web/src/connect/passport-oauth2.adapter.ts',
    ],
    'auth-server': [
      'apps/auth-server/src/token/token.controller.ts',
      'apps/auth-server/src/token/grants/authorization-code.grant.ts',
    ],
  },
  /** Step 4: the token response, and client-web's checks of it (contract, id_token). */
  'token-response': {
    'auth-server': [
      'apps/auth-server/src/token/grants/authorization-code.grant.ts',
      'apps/auth-server/src/tokens/access-token-issuer.ts',
      'apps/auth-server/src/oidc/id-token-issuer.ts',
    ],
    'client-web': [
      'apps/client-web/src/connect/passport-oauth2.adapter.ts',
      'apps/client-web/src/callback/accept-token-response.ts',
      'apps/client-web/src/oidc/id-token-verifier.ts',
    ],
  },
  /** Steps 3 and 4 again, without the user: RFC 6749 §6. */
  refresh: {
    'client-web': [
      'apps/client-web/src/tokens/fresh-access-token.service.ts',
      'apps/client-web/src/tokens/refresh-access-token.ts',
    ],
    'auth-server': [
      'apps/auth-server/src/token/token.controller.ts',
      'apps/auth-server/src/token/grants/refresh-token.grant.ts',
    ],
  },
  /**
   * RFC 7009, the client's credentials and a token at /revoke: the refresh token at Disconnect, the
   * access token on the "JWT or introspection?" page.
   */
  revocation: {
    'client-web': [
      'apps/client-web/src/session/connection.service.ts',
      'apps/client-web/src/jwt-or-introspection/jwt-or-introspection.service.ts',
      'apps/client-web/src/tokens/revoke-token.ts',
    ],
    'auth-server': ['apps/auth-server/src/revocation/revocation.controller.ts'],
  },
  /** Step 5: the API call with the Bearer token. */
  'api-call': {
    'client-web': ['apps/client-web/src/notes/resource-api.client.ts'],
    // The route, behind the guard that runs step 6's checks before it serves.
    'resource-api': [
      'apps/resource-api/src/notes/notes.controller.ts',
      'libs/resource-guards/src/access-token.guard.ts',
    ],
  },
  /**
   * Step 6: resource-api's checks of the token, reported by its demo-mode debug route to a caller
   * that authenticates with that token (the guard).
   */
  'token-checks': {
    'client-web': ['apps/client-web/src/flow/token-checks.client.ts'],
    'resource-api': [
      'apps/resource-api/src/debug/token-checks.controller.ts',
      'apps/resource-api/src/debug/report-caller.guard.ts',
      'apps/resource-api/src/debug/token-checks.reporter.ts',
    ],
  },
} as const satisfies Record<string, Partial<Record<FlowParty, readonly string[]>>>;

export type FlowHopKind = keyof typeof HOP_HANDLER_FILES;

/** The files of a hop, party by party, in the order the map lists them. */
export function handlerFilesOf(hop: FlowHopKind): [FlowParty, readonly string[]][] {
  return Object.entries(HOP_HANDLER_FILES[hop]) as [FlowParty, readonly string[]][];
}
