import type { AuthServerConfig } from '../config/auth-server.config';

/**
 * The registered clients of the demo, in one visible place. Applied on first start (seeder.ts):
 * a client that already exists is left as it is.
 */
export interface ClientSeed {
  clientId: string;
  clientName: string;
  secret: string;
  redirectUris: string[];
  grantTypes: string[];
  allowedScopes: string[];
  /** A resource server's identifier: it may introspect the access tokens meant for it. */
  introspectsAudience: string | null;
}

export function clientSeeds(config: AuthServerConfig): ClientSeed[] {
  return [
    {
      // "Notes Reader": the confidential web client of apps/client-web.
      clientId: 'client-web',
      clientName: 'Notes Reader',
      secret: config.seed.clientWebSecret,
      // '/callback' is client-web's registered redirect_uri for the authorization_code grant.
      redirectUris: [`${config.seed.clientWebUrl}/callback`],
      // refresh_token: with offline_access consented, client-web keeps access after the first token.
      grantTypes: ['authorization_code', 'refresh_token'],
      allowedScopes: ['openid', 'profile', 'offline_access', 'notes:read', 'notes:write'],
      introspectsAudience: null,
    },
    {
      // A confidential machine client acting on its own behalf (RFC 6749 §4.4): no user, no browser,
      // so no redirect URI and no authorization_code grant.
      clientId: 'reporting-service',
      clientName: 'Reporting Service',
      secret: config.seed.reportingServiceSecret,
      redirectUris: [],
      grantTypes: ['client_credentials'],
      allowedScopes: ['notes:stats'],
      introspectsAudience: null,
    },
    {
      // The resource server apps/resource-api, as a client of auth-server's back channel: in its
      // TOKEN_VALIDATION=introspection mode it asks /introspect about each access token (RFC 7662
      // §2.1: the caller must authenticate). It gets no token of its own (no grant: /token answers
      // unauthorized_client) and may introspect the access tokens whose `aud` is its identifier,
      // issued to any client (introspection/may-introspect.ts).
      clientId: 'resource-api',
      clientName: 'Notes API (resource server)',
      secret: config.seed.resourceApiSecret,
      redirectUris: [],
      grantTypes: [],
      allowedScopes: [],
      introspectsAudience: config.accessToken.audience,
    },
  ];
}
