import cookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { useFlowLogging } from '@oauth-flow-lab/flow-log';
import { useSecurityHeaders } from '@oauth-flow-lab/security-headers';
import { AdminExceptionFilter } from './admin/admin-exception.filter';
import { AdminModule } from './admin/admin.module';
import { AppModule } from './app.module';
import { AuthorizeHops } from './authorize/authorize.hops';
import type { AuthServerConfig } from './config/auth-server.config';
import { OAuthExceptionFilter } from './errors/oauth-exception.filter';
import {
  ADMIN_BODY_LIMIT_BYTES,
  FORM_BODY_LIMIT_BYTES,
  useAdminRequestBodies,
  usePublicRequestBodies,
} from './http/request-bodies';
import { ChallengeHops } from './interaction/challenge.hops';
import { TokenHops } from './token/token.hops';

/**
 * Two Fastify defaults that would change what a client sees, set back to what Express does:
 * - a request that arrives while the app shuts down is served like any other, not answered 503
 *   (shutdown.ts drains the requests in flight before the database closes: a token request is
 *   answered in full or not at all, case 41);
 * - a path parameter may be as long as the URL itself: an unknown challenge of any length is the
 *   admin API's 404 not_found, never Fastify's 414 (find-my-way stops at 100 characters).
 */
const AS_EXPRESS_DID = {
  return503OnClosing: false,
  routerOptions: { maxParamLength: 16 * 1024 },
} as const;

export interface AuthServerApps {
  publicApp: NestFastifyApplication;
  adminApp: NestFastifyApplication;
}

/**
 * Creates auth-server's two applications, configured exactly as main.ts runs them (the e2e suite
 * uses this too). Neither listens yet. Both run on Fastify (@nestjs/platform-fastify; the README's
 * Performance section measures why). Both log through one pino instance (FlowLogModule,
 * `config.log`; see AdminModule for the admin side), to stdout unless `logDestination` is given (a
 * test reading the log lines). Boot messages are buffered until useFlowLogging hands logging to
 * pino, which also gives each request its flow scope (the flow id of its `traceparent`, or of the
 * `state` its handler finds).
 */
export async function createAuthServer(
  config: AuthServerConfig,
  options: { logDestination?: NodeJS.WritableStream } = {},
): Promise<AuthServerApps> {
  const publicApp = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, options.logDestination),
    new FastifyAdapter({
      ...AS_EXPRESS_DID,
      bodyLimit: FORM_BODY_LIMIT_BYTES,
      // Behind TRUST_PROXY_HOPS reverse proxies, request.ip (the failure counters' address) is
      // the client's.
      ...(config.trustProxyHops > 0 ? { trustProxy: config.trustProxyHops } : {}),
    }),
    { bufferLogs: true },
  );
  // First, so the flow scope wraps the handlers and the error filter. Then the boot messages
  // buffered so far go to pino (Nest would flush them only at listen()).
  useFlowLogging(publicApp);
  publicApp.flushLogs();
  // Query parameters are flat (Fastify's parser): a repeated parameter becomes an array (refused
  // by RequestParameters), and `a[b]=c` stays a plain key instead of becoming an object.
  usePublicRequestBodies(publicApp);
  await publicApp.register(cookie);
  const https = config.secureCookies;
  // helmet's headers on every answer, computed once (libs/security-headers says why).
  useSecurityHeaders(publicApp, {
    contentSecurityPolicy: {
      directives: {
        // auth-server's pages (errors) are never to be framed: no clickjacking of an authorization.
        'frame-ancestors': ["'none'"],
        // Over plain http (the local demo) there is nothing to upgrade to.
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https,
  });
  publicApp.useGlobalFilters(
    new OAuthExceptionFilter(
      config.issuer,
      publicApp.getHttpAdapter(),
      publicApp.get(AuthorizeHops),
      publicApp.get(TokenHops),
    ),
  );
  await publicApp.init();
  await publicApp.getHttpAdapter().getInstance().ready();

  const adminApp = await NestFactory.create<NestFastifyApplication>(
    AdminModule.register(publicApp),
    new FastifyAdapter({ ...AS_EXPRESS_DID, bodyLimit: ADMIN_BODY_LIMIT_BYTES }),
    { bodyParser: false, bufferLogs: true },
  );
  // No request lines: the admin API's paths carry the login and consent challenges (admin.module.ts).
  useFlowLogging(adminApp, { requestLines: false });
  adminApp.flushLogs();
  useAdminRequestBodies(adminApp);
  // JSON only, for login-ui; helmet's defaults still say so to anything else that reaches it.
  useSecurityHeaders(adminApp);
  adminApp.useGlobalFilters(
    new AdminExceptionFilter(adminApp.getHttpAdapter(), publicApp.get(ChallengeHops)),
  );
  await adminApp.init();
  await adminApp.getHttpAdapter().getInstance().ready();

  return { publicApp, adminApp };
}
