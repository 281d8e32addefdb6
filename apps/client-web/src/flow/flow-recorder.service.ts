import { Injectable } from '@nestjs/common';
import {
  currentFlowId,
  type FlowHop,
  flowIdFromState,
  FlowLog,
  formatStepLine,
  joinFlow,
  newFlowId,
} from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import { appendFlowEvent, type FlowEntry, newFlowRecord } from './flow-record';

/**
 * Records each protocol hop client-web takes part in (in demo mode: flow/flow-listener.ts hands it
 * the entries), twice over from the same safe values:
 * - one line in the logs (FlowLog.hop, flow-log's format), carrying the flow id;
 * - one event in this browser's session (`session.flow`), which GET /flow shows.
 *
 * The flow id is flow-log's: flowIdFromState(state) of the authorization request, set when /connect
 * draws the state (startFlow) and joined again at /callback (joinFlowOf); the session keeps
 * it, and join-session-flow.ts names every later request of the session (refresh, resource-api,
 * revoke) after it, so their back-channel calls carry it in `traceparent`.
 *
 * The view shows only what this session started (docs/security-cases.md, case 51): an
 * authorization response joins it only when it answers the session's own flow (recordResponse).
 */
@Injectable()
export class FlowRecorder {
  /** Results shared by parallel page loads (SingleRefreshPerSession) are one call: logged once. */
  private readonly logged = new WeakSet<object>();

  constructor(private readonly flowLog: FlowLog) {}

  /** Step 1: a new authorization request starts a new flow, named after its state. */
  startFlow(req: Request, state: string): void {
    const id = flowIdFromState(state);
    joinFlow(id);
    req.session.flow = newFlowRecord(id, new Date());
  }

  /** /callback: the response belongs to the flow of the authorization request it answers. */
  joinFlowOf(pendingState: string | undefined): void {
    if (pendingState !== undefined) {
      joinFlow(flowIdFromState(pendingState));
    }
  }

  /**
   * /callback's hop, the authorization response: always logged, but added to the session's flow
   * only when its `state` is the one /connect drew for this session, the state the flow is named
   * after. Anyone can send a browser to /callback?state=…&code=… or ?error=…; such a link is
   * refused (case 36) and must not write a hop into the view this site shows as the browser's own
   * story (case 51). The flow id is no secret (the view shows it), and no one can find a state
   * that hashes to it, so comparing ids is as strict as comparing states; it also recognizes the
   * session's own callback URL opened again once the state is spent (the replay, refused).
   */
  recordResponse(req: Request, state: string | undefined, entry: FlowEntry): void {
    const flow = req.session.flow;
    if (flow !== undefined && state !== undefined && flowIdFromState(state) === flow.id) {
      this.record(req, entry);
    } else {
      this.flowLog.hop(hopOf(entry));
    }
  }

  /**
   * Logs the hop and appends it to the session's flow (a flow is started if this browser has none,
   * e.g. a session connected while DEMO_MODE was off). `sharedCall`: the result object of
   * a call that several requests of the session wait for; its line is written once.
   */
  record(req: Request, entry: FlowEntry, sharedCall?: object): void {
    const hop = hopOf(entry);
    if (sharedCall === undefined || !this.logged.has(sharedCall)) {
      this.flowLog.hop(hop);
      if (sharedCall !== undefined) {
        this.logged.add(sharedCall);
      }
    }
    const now = new Date();
    req.session.flow ??= newFlowRecord(currentFlowId() ?? newFlowId(), now);
    const flow = req.session.flow;
    appendFlowEvent(flow, {
      ...entry,
      seq: flow.nextSeq,
      at: now.toISOString(),
      line: formatStepLine(hop),
    });
    flow.nextSeq += 1;
  }
}

/** The hop as flow-log writes it. */
function hopOf(entry: FlowEntry): FlowHop {
  return {
    step: entry.step,
    from: entry.from,
    to: entry.to,
    request: entry.requestLine,
    outcome: entry.outcome,
    ok: entry.ok,
  };
}
