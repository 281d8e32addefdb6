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
    },
  ];
}
