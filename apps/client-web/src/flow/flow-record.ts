import type { TokenChecksReport } from '@oauth-flow-lab/contracts';
import type { FlowId, FlowParty, FlowStepNumber } from '@oauth-flow-lab/flow-log';
import type { FlowHopKind } from './handler-files';

/**
 * The story of this browser's last flow, as GET /flow shows it: what client-web sent and received
 * at each hop, recorded by FlowRecorder at the places that make the calls (never rebuilt from the
 * logs). It lives in the session, so everything in it is already safe to show: codes, states and
 * challenges shortened, tokens only decoded (header and claims, never the token itself), verifiers,
 * secrets and refresh tokens redacted (see flow-entries.ts).
 */
export interface FlowRecord {
  /** The flow id of the logs: flowIdFromState(state) of the authorization request (flow-log). */
  id: FlowId;
  /** ISO time of the /connect that started it. */
  startedAt: string;
  events: FlowEvent[];
  /** How many events were left out to keep the record bounded (see appendFlowEvent). */
  omitted: number;
  /** The number the next event gets: events are numbered in the order they happened. */
  nextSeq: number;
}

/** One hop, as one entry of the flow view (and one line of the logs, `line`). */
export interface FlowEvent extends FlowEntry {
  seq: number;
  /** ISO time at which client-web recorded it. */
  at: string;
  /** The hop line written to the logs (formatStepLine), for matching the view with `grep`. */
  line: string;
}

/** What a hop is, before FlowRecorder numbers, dates and logs it. Built by flow-entries.ts. */
export interface FlowEntry {
  step: FlowStepNumber;
  from: FlowParty;
  to: FlowParty;
  /** Which files handled it, on each side (handler-files.ts). */
  hop: FlowHopKind;
  /** Did the hop do what the protocol wanted? A refusal is shown (and logged) as such. */
  ok: boolean;
  /** The log line's request part, already safe: `POST /token grant_type=authorization_code`. */
  requestLine: string;
  /** The log line's outcome part, already safe: `200 (access token jti=…, expires in 600 s)`. */
  outcome: string;
  /** Why client-web made this call, when it is not the obvious next step (a refresh). */
  why?: string;
  request: FlowHttpRequest;
  response: FlowHttpResponse;
  detail?: FlowEventDetail;
}

export interface FlowHttpRequest {
  method: string;
  /** Absolute URL or path, its secret query parameters shortened or redacted. */
  url: string;
  /** The parameters that matter (query or form), each already shortened or redacted. */
  parameters: Record<string, string>;
  /** The headers that matter, by what they carry (`Authorization: Basic [client_secret_basic]`). */
  headers: Record<string, string>;
}

export interface FlowHttpResponse {
  /** null: no HTTP answer (unreachable), or none yet when the entry is written. */
  status: number | null;
  /** What the answer said, in a sentence. */
  summary: string;
  /** The fields that matter (JSON body, Location parameters...), already safe. */
  parameters: Record<string, string>;
}

/** A JWT's two readable parts, its secret-ish claims (nonce) shortened. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export type FlowEventDetail =
  /** Step 4: the tokens received, decoded. */
  | { kind: 'tokens'; accessToken: DecodedJwt | null; idToken: DecodedJwt | null }
  /** Step 6: resource-api's validation report of the token just used (demo mode). */
  | { kind: 'token-checks'; report: TokenChecksReport }
  /** Step 6: no report, and why (DEMO_MODE off, resource-api unreachable...). */
  | { kind: 'no-token-checks'; reason: string };

/**
 * The cap on a flow's events. A connected session calls resource-api on every page load, so the
 * list would grow without end: the first HEAD_EVENTS are kept (steps 1 to 4 of the login, which
 * start the story), then the most recent ones; the ones in between are counted in `omitted`.
 */
export const MAX_FLOW_EVENTS = 40;
const HEAD_EVENTS = 12;

export function newFlowRecord(id: FlowId, now: Date): FlowRecord {
  return { id, startedAt: now.toISOString(), events: [], omitted: 0, nextSeq: 1 };
}

export function appendFlowEvent(flow: FlowRecord, event: FlowEvent): void {
  flow.events.push(event);
  if (flow.events.length > MAX_FLOW_EVENTS) {
    flow.events.splice(HEAD_EVENTS, 1);
    flow.omitted += 1;
  }
}

declare module 'express-session' {
  interface SessionData {
    /** The story of this browser's last flow, shown at GET /flow (demo mode only). */
    flow: FlowRecord;
  }
}
