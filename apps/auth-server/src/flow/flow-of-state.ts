import { type FlowId, flowIdFromState, joinFlow } from '@oauth-flow-lab/flow-log';

/**
 * Which run of the six steps a front-channel request belongs to.
 *
 * Steps 1 and 2 pass through the browser, where no `traceparent` header can travel. Both ends of the
 * front channel know the authorization request's `state` (RFC 6749 §4.1.1), so both derive the flow
 * id from it (libs/flow-log flow-context.ts): client-web when it sends the browser to /authorize,
 * auth-server when /authorize receives it, and again, from the stored request, for every later
 * request about it (the admin API's challenges, after-login, after-consent). login-ui never sees
 * `state`: it gets the flow id as the `flow_id` of the login and consent requests.
 *
 * No `state`, no flow id: the request's lines then carry the one of a `traceparent`, or none.
 */
export function flowIdOfState(state: string | null | undefined): FlowId | undefined {
  return state === null || state === undefined || state === '' ? undefined : flowIdFromState(state);
}

/** Names the flow of the request being handled after the `state` of its authorization request. */
export function joinFlowOfState(state: string | null | undefined): void {
  const flowId = flowIdOfState(state);
  if (flowId !== undefined) {
    joinFlow(flowId);
  }
}

/**
 * The `flow_id` of a login or consent request on the admin API (libs/contracts login-consent.ts):
 * how login-ui, which never sees `state`, learns the flow it takes part in. Absent without `state`.
 */
export function flowIdField(state: string | null): { flow_id?: FlowId } {
  const flowId = flowIdOfState(state);
  return flowId === undefined ? {} : { flow_id: flowId };
}
