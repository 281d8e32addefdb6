import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { useFlowLogging } from '@oauth-flow-lab/flow-log';
import type { LoginUiConfig } from './config/login-ui.config';
import { toErrorPage } from './errors/error-page';
import { ErrorPageFilter, sendErrorPage } from './errors/error-page.filter';

/**
 * Options for NestFactory.create: Nest's default body parsers are off, so that the only body
 * login-ui reads is the urlencoded form that configureApp registers. Boot messages are buffered
 * until configureApp hands logging to pino (useFlowLogging), so none is lost or printed twice.
 */
export const LOGIN_UI_APP_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/** Largest form accepted: a username, a password and two tokens fit many times over. */
const FORM_LIMIT = '16kb';

/**
 * Everything main.ts does to the app besides listening, so the e2e suite runs exactly what
 * production runs.
 */
export function configureApp(app: NestExpressApplication, config: LoginUiConfig): void {
  // The client's address (req.ip) is the key of the failed sign-in limits. Behind TRUST_PROXY_HOPS
  // proxies, Express reads it that many X-Forwarded-For entries from the right; trusting more hops
  // than there are proxies would let a guesser pick a fresh address for each attempt by sending the
  // header. At 0 it is the socket's address and the header is ignored (Express's default).
  if (config.trustProxyHops > 0) {
    app.set('trust proxy', config.trustProxyHops);
  }
  app.use(ignoreBrowserTraceparent);
  // Logs through pino (FlowLogModule), and a flow scope per request that the step 2 handlers join
  // once the admin API tells them the flow id. Before the other middleware, so it wraps them all.
  useFlowLogging(app);
  app.use(securityHeaders(config.secureCookies));
  // Pages carry CSRF tokens and challenges: never keep them in a cache.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser());
  app.use(urlencodedForms());
  app.useGlobalFilters(new ErrorPageFilter());
  // No app.enableCors(): no page or form of login-ui is meant to be read by another origin.
}

/**
 * Every request to login-ui comes from a browser (step 2 is front channel), and a browser has no
 * say in which flow it belongs to: a `traceparent` header it sends would put login-ui's lines, and
 * its admin API calls, under any flow id it likes. login-ui learns the flow id from auth-server
 * instead (the `flow_id` of the login or consent request, see src/flow/challenge-flow.ts), so the
 * header is dropped before useFlowLogging's middleware reads it.
 */
function ignoreBrowserTraceparent(req: Request, _res: Response, next: NextFunction): void {
  delete req.headers.traceparent;
  next();
}

/**
 * helmet on every response. docs/security-cases.md, case 9: the login and consent pages must never
 * be framed (clickjacking), so `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
 *
 * `form-action` is left out on purpose: browsers apply it to the redirects that follow a form POST,
 * and ours go to auth-server and then on to whichever client asked, origins login-ui cannot list.
 * HSTS and `upgrade-insecure-requests` are only sent when login-ui is served over https: on the
 * http demo they would send the browser to https URLs that nothing listens on.
 */
function securityHeaders(https: boolean) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'frame-ancestors': ["'none'"],
        'form-action': null,
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https,
  });
}

/**
 * The only body parser: urlencoded forms (extended: false, so no nested objects), small. Its errors
 * (too large, malformed) become the usual HTML error page instead of Express's default handler.
 */
function urlencodedForms() {
  const parse = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 20 });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error) {
        sendErrorPage(res, toErrorPage(error));
        return;
      }
      next();
    });
  };
}
