import type { FlowId } from './flow-context';

/** The six steps of the README's diagram (RFC 6749 §1.2, authorization-code flavour). */
export type FlowStepNumber = 1 | 2 | 3 | 4 | 5 | 6;

/** What each step is, in the words of the README's diagram ("The six steps"). */
export const FLOW_STEP_TITLES: Readonly<Record<FlowStepNumber, string>> = {
  1: 'the client asks for authorization',
  2: 'the user logs in and consents; the client receives the code',
  3: 'the client presents its credentials and the code',
  4: 'the authorization server issues the access token',
  5: 'the client calls the API with the token',
  6: 'the resource server validates the token and serves',
};

/**
 * The parties, as the logs name them. `browser` is the resource owner's user agent, through which
 * steps 1 and 2 pass.
 */
export type FlowParty = 'browser' | 'auth-server' | 'login-ui' | 'client-web' | 'resource-api';

/** Steps 1 and 2 go through the browser (redirects and forms); steps 3 to 6 are server to server. */
export type FlowChannel = 'front channel' | 'back channel';

export function channelOfStep(step: FlowStepNumber): FlowChannel {
  return step <= 2 ? 'front channel' : 'back channel';
}

/** One protocol hop, as one log line. */
export interface FlowHop {
  step: FlowStepNumber;
  from: FlowParty;
  to: FlowParty;
  /** What was asked, secrets already shortened: `POST /token grant_type=authorization_code`. */
  request: string;
  /** How it ended: `200 (access token jti=…, expires in 600 s)`, `303 to login-ui`, `401 invalid_token`. */
  outcome: string;
  /**
   * Steps 1 and 2 pass through the browser, 3 to 6 are server to server (channelOfStep); inside
   * step 2, login-ui's calls to auth-server's admin API are server to server: `back channel`.
   */
  channel?: FlowChannel;
  /** Whether the hop did what the protocol wanted; a refused request logs at warn. */
  ok: boolean;
  /** The flow it belongs to; defaults to the current request's (see flow-context.ts). */
  flowId?: FlowId;
}

/**
 * `step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code →
 * 200 (access token jti=…, expires in 600 s)`
 */
export function formatStepLine(hop: FlowHop): string {
  return [
    `step ${hop.step}`,
    `${hop.from} → ${hop.to}`,
    hop.channel ?? channelOfStep(hop.step),
    `${hop.request} → ${hop.outcome}`,
  ].join(' · ');
}
