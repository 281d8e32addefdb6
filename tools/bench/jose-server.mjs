// The ceiling of the verified-GET comparison (`npm run bench`): a bare node:http server that does
// only what any resource server must do for GET /notes/stats: take the bearer token (RFC 6750 §2.1),
// verify it with jose against auth-server's key (fetched once at start and cached: no JWKS request
// per call), with the same checks as resource-api (alg RS256, typ at+jwt, iss, aud, exp, the scope
// notes:stats), and answer a fixed JSON body (the one resource-api answered, so the bytes on the
// wire are the same; no database).
//
// Environment: PORT, JWKS_URL, ISSUER, AUDIENCE, SCOPE, BODY. Prints `ready <port>` once listening.
import { createServer } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';

const port = Number(process.env.PORT);
const { JWKS_URL, ISSUER, AUDIENCE } = process.env;
if (!Number.isInteger(port) || port <= 0 || !JWKS_URL || !ISSUER || !AUDIENCE) {
  throw new Error('PORT, JWKS_URL, ISSUER and AUDIENCE are required');
}
const requiredScope = process.env.SCOPE ?? 'notes:stats';
const body = process.env.BODY ?? '{}';

const jwks = await (await fetch(JWKS_URL)).json();
const keys = createLocalJWKSet(jwks);
const options = { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], typ: 'at+jwt' };

function refuse(response, status, error) {
  response.writeHead(status, {
    'content-type': 'application/json',
    'www-authenticate': `Bearer error="${error}"`,
  });
  response.end(JSON.stringify({ error }));
}

const server = createServer((request, response) => {
  const header = request.headers.authorization ?? '';
  if (request.method !== 'GET' || request.url !== '/notes/stats' || !header.startsWith('Bearer ')) {
    refuse(response, 401, 'invalid_request');
    return;
  }
  jwtVerify(header.slice('Bearer '.length), keys, options).then(
    ({ payload }) => {
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      if (!scopes.includes(requiredScope)) {
        refuse(response, 403, 'insufficient_scope');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(body);
    },
    () => refuse(response, 401, 'invalid_token'),
  );
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
