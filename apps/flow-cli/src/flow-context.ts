import type { FlowOptions } from './args';
import type { Browser } from './browser';
import type { Printer } from './print';

/** What every step works with: the options, the one browser (its cookie jar) and the printer. */
export interface FlowContext {
  options: FlowOptions;
  browser: Browser;
  printer: Printer;
  /** client-web's origin; auth-server's and login-ui's are learnt from the redirects. */
  clientWeb: URL;
}

/** What step 1 hands to step 2. */
export interface AuthorizationRequest {
  authServer: string;
  state: string;
  /** Where auth-server sent the browser: login-ui's /login?login_challenge=… */
  next: URL;
}
