import {
  currentFlowId,
  flowHeaders,
  flowIdFromState,
  flowIdOfTraceparent,
  isFlowId,
  joinFlow,
  newFlowId,
  runInFlowScope,
  traceparentOf,
} from './flow-context';

describe('flow id', () => {
  it('is a W3C trace-id: 32 lower-case hex digits, not all zero', () => {
    expect(isFlowId(newFlowId())).toBe(true);
    expect(isFlowId('0'.repeat(32))).toBe(false);
    expect(isFlowId('A'.repeat(32))).toBe(false);
    expect(isFlowId('ab')).toBe(false);
  });

  it('is derived from state the same way on both ends of the front channel, without revealing it', () => {
    const state = 'Qm9vb3RzdHJhcHBpbmcgaXMgaGFyZA';
    expect(flowIdFromState(state)).toBe(flowIdFromState(state));
    expect(flowIdFromState(state)).not.toContain(state.slice(0, 8));
    expect(isFlowId(flowIdFromState(state))).toBe(true);
    expect(flowIdFromState(`${state}x`)).not.toBe(flowIdFromState(state));
  });

  it('travels in traceparent on the back channel', () => {
    const flowId = newFlowId();
    const header = traceparentOf(flowId);
    expect(header).toMatch(new RegExp(`^00-${flowId}-[0-9a-f]{16}-01$`));
    expect(flowIdOfTraceparent(header)).toBe(flowId);
  });

  it.each([
    undefined,
    '',
    'garbage',
    `01-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
    `00-${'0'.repeat(32)}-${'b'.repeat(16)}-01`,
    `00-${'A'.repeat(32)}-${'b'.repeat(16)}-01`,
    ['00-a-b-01'],
  ])('ignores the malformed traceparent %j', (header) => {
    expect(flowIdOfTraceparent(header)).toBeUndefined();
  });

  it('belongs to the request being handled, across awaits, and can be learnt by the handler', async () => {
    const known = newFlowId();
    const learnt = newFlowId();
    await Promise.all([
      runInFlowScope(known, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(currentFlowId()).toBe(known);
        expect(flowHeaders().traceparent).toContain(known);
      }),
      runInFlowScope(undefined, async () => {
        expect(flowHeaders()).toEqual({});
        joinFlow(learnt);
        await new Promise((resolve) => setTimeout(resolve, 1));
        expect(currentFlowId()).toBe(learnt);
      }),
    ]);
    expect(currentFlowId()).toBeUndefined();
  });
});
