import { logSafe } from '@oauth-flow-lab/flow-log';
import { errorText, locationText } from '../flow/hop-text';

/**
 * How OAuthExceptionFilter answered a refused request, as the refusal's log line tells it (the
 * filter renders every error of the public listener, and writes its line in the same place).
 */
export type RenderedRefusal =
  /** RFC 6749 §4.1.2.1: back to the client's verified redirect_uri with `error`. */
  | { kind: 'redirect'; location: URL }
  /** No redirect can be trusted: an HTML page for the user. */
  | { kind: 'page'; status: number; title: string; description: string }
  /** RFC 6749 §5.2: `{error, error_description}` to a client on the back channel. */
  | { kind: 'json'; status: number; error: string; description: string };

/** `303 to http://…/callback error=access_denied …`, `400 error page …`, `400 invalid_grant (…)`. */
export function refusalOutcome(refusal: RenderedRefusal): string {
  switch (refusal.kind) {
    case 'redirect':
      return `303 to ${locationText(refusal.location)}`;
    case 'page':
      return `${refusal.status} error page "${refusal.title}", no redirect (${logSafe(refusal.description)})`;
    case 'json':
      return `${refusal.status} ${errorText(refusal.error, refusal.description)}`;
  }
}
