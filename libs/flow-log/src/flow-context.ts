import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * The flow id: one value that names one run of the six steps in the logs of all four services, so
 * that `grep <flow id>` over them tells the whole story.
 *
 * It has the shape of a W3C Trace Context trace-id (32 lower-case hex digits) and travels the way
 * a trace-id does:
 * - back channel (steps 3 to 6, and login-ui's calls to the admin API): in a `traceparent` header
 *   (https://www.w3.org/TR/trace-context/#traceparent-header), `00-<flow id>-<parent id>-01`;
 * - front channel (steps 1 and 2, through the browser): no header can be added to a redirect, and
 *   OAuth has no parameter for it. Both ends of the front channel know the `state` of the
 *   authorization request (RFC 6749 §4.1.1), so both derive the flow id from it: the first 128 bits
 *   of SHA-256(state). The hash names the flow without revealing the state itself.
 */
export type FlowId = string;

const FLOW_ID = /^[0-9a-f]{32}$/;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * A new flow id, for a flow that starts here (e.g. a client_credentials grant has no `state`): a
 * random UUID's 32 hex digits (122 random bits: its version and variant digits are fixed).
 * randomUUID draws from a cache of random bytes that it refills once every 128 ids, where
 * randomBytes(16) asks the system each time (3% of a token request).
 */
export function newFlowId(): FlowId {
  return randomUUID().replaceAll('-', '');
}

/** The flow id both ends of the front channel derive from the authorization request's `state`. */
export function flowIdFromState(state: string): FlowId {
  return createHash('sha256').update(state, 'utf8').digest('hex').slice(0, 32);
}

export function isFlowId(value: unknown): value is FlowId {
  return typeof value === 'string' && FLOW_ID.test(value) && !/^0+$/.test(value);
}

/** `traceparent: 00-<flow id>-<16 hex, a new span>-01` for a back-channel request of this flow. */
export function traceparentOf(flowId: FlowId): string {
  return `00-${flowId}-${randomBytes(8).toString('hex')}-01`;
}

/** The flow id of a received `traceparent` header; undefined when absent or malformed. */
export function flowIdOfTraceparent(header: unknown): FlowId | undefined {
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  const flowId = match?.[1];
  return isFlowId(flowId) ? flowId : undefined;
}

/** The flow the current request belongs to, per request (see useFlowLogging). */
export interface FlowScope {
  flowId: FlowId | undefined;
}

const storage = new AsyncLocalStorage<FlowScope>();

/**
 * Runs `fn` as part of a request whose flow id is `flowId` (or not known yet). `fn` receives the
 * scope, whose flow id joinFlow may name later: what runs after the request's last callback (its
 * request line, written when the answer is sent) reads it from there.
 */
export function runInFlowScope<T>(flowId: FlowId | undefined, fn: (scope: FlowScope) => T): T {
  const scope: FlowScope = { flowId };
  return storage.run(scope, fn, scope);
}

/** The flow id of the request being handled, if known. */
export function currentFlowId(): FlowId | undefined {
  return storage.getStore()?.flowId;
}

/**
 * Names the flow of the request being handled once the handler learns it (e.g. /authorize reads
 * `state`): later log lines and back-channel calls of this request carry it.
 */
export function joinFlow(flowId: FlowId): void {
  const scope = storage.getStore();
  if (scope !== undefined) {
    scope.flowId = flowId;
  }
}

/** Headers for a back-channel request: `traceparent` when the current request belongs to a flow. */
export function flowHeaders(flowId: FlowId | undefined = currentFlowId()): Record<string, string> {
  return flowId === undefined ? {} : { traceparent: traceparentOf(flowId) };
}
