import {
  currentFlowId,
  type FlowHop,
  flowIdFromState,
  type FlowLog,
  runInFlowScope,
} from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import type { FlowEntry } from './flow-record';
import { FlowRecorder } from './flow-recorder.service';

const entry: FlowEntry = {
  step: 5,
  from: 'client-web',
  to: 'resource-api',
  hop: 'api-call',
  ok: false,
  requestLine: 'GET /notes (Bearer jti=j1)',
  outcome: '401 invalid_token',
  request: { method: 'GET', url: '/notes', parameters: {}, headers: {} },
  response: { status: 401, summary: 'refused', parameters: {} },
};

/** Just what FlowRecorder uses of a request: its session. */
function requestWithSession(): Request {
  return { session: {} } as unknown as Request;
}

describe(FlowRecorder.name, () => {
  let hops: FlowHop[];
  let sut: FlowRecorder;

  beforeEach(() => {
    hops = [];
    const flowLog: Pick<FlowLog, 'hop'> = { hop: (hop) => hops.push(hop) };
    sut = new FlowRecorder(flowLog as FlowLog);
  });

  it('starts a flow named after the state, and joins the request to it', () => {
    const req = requestWithSession();
    runInFlowScope(undefined, () => {
      sut.startFlow(req, 'the-state');
      expect(currentFlowId()).toBe(flowIdFromState('the-state'));
    });
    expect(req.session.flow).toMatchObject({ id: flowIdFromState('the-state'), events: [] });
  });

  it('logs the hop and appends it, numbered, with the line it logged', () => {
    const req = requestWithSession();
    sut.startFlow(req, 'the-state');
    sut.record(req, entry);
    sut.record(req, { ...entry, ok: true, outcome: '200 (1 notes)' });
    expect(hops).toEqual([
      {
        step: 5,
        from: 'client-web',
        to: 'resource-api',
        request: 'GET /notes (Bearer jti=j1)',
        outcome: '401 invalid_token',
        ok: false,
      },
      expect.objectContaining({ outcome: '200 (1 notes)', ok: true }),
    ]);
    expect(req.session.flow?.events.map((e) => [e.seq, e.line])).toEqual([
      [
        1,
        'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=j1) → 401 invalid_token',
      ],
      [
        2,
        'step 5 · client-web → resource-api · back channel · GET /notes (Bearer jti=j1) → 200 (1 notes)',
      ],
    ]);
  });

  it('logs a call shared by parallel requests once, and records it in each session', () => {
    const shared = {};
    const [first, second] = [requestWithSession(), requestWithSession()];
    sut.record(first, entry, shared);
    sut.record(second, entry, shared);
    expect(hops).toHaveLength(1);
    expect(first.session.flow?.events).toHaveLength(1);
    expect(second.session.flow?.events).toHaveLength(1);
  });

  it("case 51: an authorization response joins the session's flow only with the flow's own state", () => {
    const req = requestWithSession();
    sut.startFlow(req, 'the-state');

    sut.recordResponse(req, 'another-state', entry);
    sut.recordResponse(req, undefined, entry);
    expect(req.session.flow?.events).toEqual([]);
    expect(hops).toHaveLength(2);

    sut.recordResponse(req, 'the-state', entry);
    expect(req.session.flow?.events).toHaveLength(1);
    expect(hops).toHaveLength(3);
  });

  it('case 51: an authorization response starts no flow in a session that has none', () => {
    const req = requestWithSession();
    sut.recordResponse(req, 'some-state', entry);
    expect(req.session.flow).toBeUndefined();
    expect(hops).toHaveLength(1);
  });

  it('joins /callback to the flow of the pending authorization', () => {
    runInFlowScope(undefined, () => {
      sut.joinFlowOf('pending-state');
      expect(currentFlowId()).toBe(flowIdFromState('pending-state'));
    });
  });
});
