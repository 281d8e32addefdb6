import { currentFlowId, newFlowId, traceparentOf } from '@oauth-flow-lab/flow-log';

/**
 * Headers for passport-oauth2's token request (step 3) that also carry the flow id.
 *
 * passport-oauth2 hands its `customHeaders` option, as is, to the `oauth` library's OAuth2 client,
 * which copies them onto every request it makes with a `for (var key in this._customHeaders)` loop
 * (oauth/lib/oauth2.js, `_request`). The headers are fixed once at boot, but the flow id belongs to
 * the request being handled. So `traceparent` is an enumerable getter: for..in lists it, and each
 * copy reads it anew, inside the /callback request's flow scope. No library internals are patched.
 *
 * The value is always a string (Node refuses an undefined header): a token request made outside
 * any known flow starts a flow of its own. At /callback the flow is always known: it is joined
 * from the pending authorization's state before passport runs (AuthorizationResponseGuard).
 */
export function withLiveTraceparent(headers: Record<string, string>): Record<string, string> {
  return Object.defineProperty({ ...headers }, 'traceparent', {
    enumerable: true,
    get: () => traceparentOf(currentFlowId() ?? newFlowId()),
  });
}
