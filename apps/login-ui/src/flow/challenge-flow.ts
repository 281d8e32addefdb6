import { isFlowId, joinFlow } from '@oauth-flow-lab/flow-log';

/**
 * Which run of the six steps a login or consent request belongs to.
 *
 * The flow id of the front channel (steps 1 and 2) is derived from the authorization request's
 * `state` (RFC 6749 §4.1.1) on both of its ends, client-web and auth-server (libs/flow-log,
 * flow-context.ts). login-ui never sees `state`: auth-server hands the flow id over as the `flow_id`
 * of each login and consent request it describes (libs/contracts login-consent.ts). A handler that
 * has fetched one joins its flow, so its step 2 line and every later admin API call of the same
 * request (`traceparent`, see AdminApiClient) carry it.
 *
 * The flow id is learnt only this way, never from the browser (see app.setup.ts), and only a
 * well-formed one is joined: it is written into a header.
 */
export function joinFlowOf(challengeRequest: { flow_id?: string }): void {
  if (isFlowId(challengeRequest.flow_id)) {
    joinFlow(challengeRequest.flow_id);
  }
}
