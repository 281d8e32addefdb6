import { appendFlowEvent, type FlowEvent, MAX_FLOW_EVENTS, newFlowRecord } from './flow-record';

function event(seq: number): FlowEvent {
  return {
    seq,
    at: new Date(0).toISOString(),
    line: `event ${seq}`,
    step: 5,
    from: 'client-web',
    to: 'resource-api',
    hop: 'api-call',
    ok: true,
    requestLine: 'GET /notes',
    outcome: '200',
    request: { method: 'GET', url: '/notes', parameters: {}, headers: {} },
    response: { status: 200, summary: 'served', parameters: {} },
  };
}

describe(appendFlowEvent.name, () => {
  const sut = appendFlowEvent;

  it('keeps every event of a short flow, in order', () => {
    const flow = newFlowRecord('a'.repeat(32), new Date(0));
    [1, 2, 3].forEach((seq) => sut(flow, event(seq)));
    expect(flow.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(flow.omitted).toBe(0);
  });

  it('stays bounded: keeps the start of the story and the latest events, counts the rest', () => {
    const flow = newFlowRecord('a'.repeat(32), new Date(0));
    for (let seq = 1; seq <= MAX_FLOW_EVENTS + 25; seq += 1) {
      sut(flow, event(seq));
    }
    expect(flow.events).toHaveLength(MAX_FLOW_EVENTS);
    expect(flow.omitted).toBe(25);
    const kept = flow.events.map((e) => e.seq);
    expect(kept.slice(0, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(kept.at(-1)).toBe(MAX_FLOW_EVENTS + 25);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });
});
