// The reference authorization server of the token-endpoint comparison (`npm run bench`), run by
// tools/bench/bench.mjs as a child process, like auth-server: oidc-provider configured as close to
// auth-server's client_credentials path as it allows. One confidential client (reporting-service,
// client_secret_basic), the client_credentials grant, resource indicators with a default resource
// whose access tokens are JWTs (RFC 9068, `typ: at+jwt`) for the same audience, signed RS256 with a
// fresh RSA 2048 key. Its default in-memory adapter stores nothing for a JWT access token.
//
// Environment: PORT (required), ISSUER (default http://localhost:PORT), AUDIENCE, CLIENT_ID,
// CLIENT_SECRET, SCOPE. Prints `ready <port>` on stdout once it listens.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  throw new Error('PORT is required');
}
const issuer = process.env.ISSUER ?? `http://localhost:${port}`;
const audience = process.env.AUDIENCE ?? 'http://localhost:3003';
const clientId = process.env.CLIENT_ID ?? 'reporting-service';
const clientSecret = process.env.CLIENT_SECRET ?? 'reporting-service-secret';
const scope = process.env.SCOPE ?? 'notes:stats';

const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const signingKey = {
  ...(await exportJWK(privateKey)),
  kid: 'bench-rs256',
  alg: 'RS256',
  use: 'sig',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope,
    },
  ],
  jwks: { keys: [signingKey] },
  scopes: [scope],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resourceIndicator) => {
        if (resourceIndicator !== audience) {
          throw new Provider.errors.InvalidTarget();
        }
        return {
          scope,
          audience,
          accessTokenTTL: 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  // Same lifetime as auth-server's default ACCESS_TOKEN_TTL_SECONDS.
  ttl: { ClientCredentials: 600 },
  cookies: { keys: ['bench-cookie-key-not-used-by-client-credentials'] },
});
// The token endpoint only; its error events would print a stack per failed request.
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));

const server = createServer(provider.callback());
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
