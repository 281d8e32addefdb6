import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useFlowLogging } from '@oauth-flow-lab/flow-log';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AdminExceptionFilter } from './admin/admin-exception.filter';
import { AdminModule } from './admin/admin.module';
import { AppModule } from './app.module';
import { AuthorizeHops } from './authorize/authorize.hops';
import type { AuthServerConfig } from './config/auth-server.config';
import { OAuthExceptionFilter } from './errors/oauth-exception.filter';
import { ChallengeHops } from './interaction/challenge.hops';
import { TokenHops } from './token/token.hops';

export interface AuthServerApps {
  publicApp: NestExpressApplication;
  adminApp: NestExpressApplication;
}

/**
 * Creates auth-server's two applications, configured exactly as main.ts runs them (the e2e suite
 * uses this too). Neither listens yet. Both log through one pino instance (FlowLogModule,
 * `config.log`; see AdminModule for the admin side), to stdout unless `logDestination` is given (a
 * test reading the log lines). Boot messages are buffered until useFlowLogging hands logging to
 * pino, which also gives each request its flow scope (the flow id of its `traceparent`, or of the
 * `state` its handler finds).
 */
export async function createAuthServer(
  config: AuthServerConfig,
  options: { logDestination?: NodeJS.WritableStream } = {},
): Promise<AuthServerApps> {
  const publicApp = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, options.logDestination),
    { bodyParser: false, bufferLogs: true },
  );
  // First, so the flow scope wraps every later middleware and the error filter. Then the boot
  // messages buffered so far go to pino (Nest would flush them only at listen()).
  useFlowLogging(publicApp);
  publicApp.flushLogs();
  publicApp.disable('x-powered-by');
  // Flat parameters only: a repeated parameter becomes an array (refused by RequestParameters),
  // and `a[b]=c` stays a plain key instead of becoming an object.
  publicApp.set('query parser', 'simple');
  // Behind TRUST_PROXY_HOPS reverse proxies, req.ip (the failure counters' address) is the client's.
  publicApp.set('trust proxy', config.trustProxyHops);
  publicApp.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  publicApp.use(cookieParser());
  const https = config.issuer.startsWith('https:');
  publicApp.use(
    helmet({
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
    }),
  );
  publicApp.useGlobalFilters(
    new OAuthExceptionFilter(config.issuer, publicApp.get(AuthorizeHops), publicApp.get(TokenHops)),
  );
  await publicApp.init();

  const adminApp = await NestFactory.create<NestExpressApplication>(
    AdminModule.register(publicApp),
    { bodyParser: false, bufferLogs: true },
  );
  useFlowLogging(adminApp);
  adminApp.flushLogs();
  adminApp.disable('x-powered-by');
  // JSON only, for login-ui; helmet's defaults still say so to anything else that reaches it.
  adminApp.use(helmet());
  adminApp.useBodyParser('json', { limit: '16kb' });
  adminApp.useGlobalFilters(new AdminExceptionFilter(publicApp.get(ChallengeHops)));
  await adminApp.init();

  return { publicApp, adminApp };
}
