import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import type session from 'express-session';
import helmet from 'helmet';
import { useFlowLogging } from '@oauth-flow-lab/flow-log';
import type { ClientWebConfig } from './config/client-web.config';
import { ClientWebExceptionFilter } from './errors/client-web-exception.filter';
import { joinSessionFlow } from './flow/join-session-flow';
import { SESSION_STORE, sessionMiddleware } from './session/session.middleware';

/**
 * Everything main.ts does to the app besides listening, so the e2e suite runs exactly what
 * production runs. Call before `app.init()`.
 */
export function configureApp(app: NestExpressApplication, config: ClientWebConfig): void {
  // The client's address (req.ip) is the key of per-address limits. Behind TRUST_PROXY_HOPS
  // proxies, Express reads it that many X-Forwarded-For entries from the right; trusting more hops
  // than there are proxies would let a client pick its own address by sending the header. At 0 it
  // is the socket's address and the header is ignored (Express's default: nothing to set).
  if (config.trustProxyHops > 0) {
    app.set('trust proxy', config.trustProxyHops);
  }
  // First middleware: logs through pino, and a flow scope for each request (flow-log).
  useFlowLogging(app);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Over plain http (the local demo) there is nothing to upgrade to.
        directives: { upgradeInsecureRequests: config.secureCookies ? [] : null },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  // Every page is personal (notes, tokens): no shared or browser cache may keep it.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser());
  app.use(sessionMiddleware(config, app.get<session.Store>(SESSION_STORE)));
  // Each request of a session belongs to the session's flow (its log lines, its back-channel calls).
  app.use(joinSessionFlow);
  // The two forms post application/x-www-form-urlencoded; flat values only, small bodies.
  app.useBodyParser('urlencoded', { extended: false, limit: '16kb' });
  app.useGlobalFilters(new ClientWebExceptionFilter());
}
