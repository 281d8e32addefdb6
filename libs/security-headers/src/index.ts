// What auth-server and resource-api (both on Fastify) share: helmet's headers, computed once.
export { securityHeadersOf, useSecurityHeaders } from './security-headers';
