import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AdminExceptionFilter } from './admin/admin-exception.filter';
import { AdminModule } from './admin/admin.module';
import { AppModule } from './app.module';
import type { AuthServerConfig } from './config/auth-server.config';
import { OAuthExceptionFilter } from './errors/oauth-exception.filter';

export interface AuthServerApps {
  publicApp: NestExpressApplication;
  adminApp: NestExpressApplication;
}

/**
 * Creates auth-server's two applications, configured exactly as main.ts runs them (the e2e suite
 * uses this too). Neither listens yet.
 */
export async function createAuthServer(
  config: AuthServerConfig,
  options: { logger?: false } = {},
): Promise<AuthServerApps> {
  const publicApp = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    ...options,
  });
  publicApp.disable('x-powered-by');
  // Flat parameters only: a repeated parameter becomes an array (refused by RequestParameters),
  // and `a[b]=c` stays a plain key instead of becoming an object.
  publicApp.set('query parser', 'simple');
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
  publicApp.useGlobalFilters(new OAuthExceptionFilter(config.issuer));
  await publicApp.init();

  const adminApp = await NestFactory.create<NestExpressApplication>(
    AdminModule.register(publicApp),
    {
      bodyParser: false,
      ...options,
    },
  );
  adminApp.disable('x-powered-by');
  adminApp.useBodyParser('json', { limit: '16kb' });
  adminApp.useGlobalFilters(new AdminExceptionFilter());
  await adminApp.init();

  return { publicApp, adminApp };
}
