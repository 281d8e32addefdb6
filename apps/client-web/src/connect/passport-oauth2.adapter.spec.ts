import { flowIdOfTraceparent, newFlowId, runInFlowScope } from '@oauth-flow-lab/flow-log';
import { withLiveTraceparent } from './passport-oauth2.adapter';

/** What the `oauth` library does with passport-oauth2's customHeaders on each request. */
function copiedLikeOauth(customHeaders: Record<string, string>): Record<string, string> {
  const realHeaders: Record<string, string> = {};
  for (const key in customHeaders) {
    realHeaders[key] = customHeaders[key];
  }
  return realHeaders;
}

describe(withLiveTraceparent.name, () => {
  const sut = withLiveTraceparent({ Authorization: 'Basic abc' });

  it('gives each request of a flow that flow’s id, read when the headers are copied', () => {
    const first = newFlowId();
    const second = newFlowId();
    const [a, b] = [first, second].map((flowId) =>
      runInFlowScope(flowId, () => copiedLikeOauth(sut)),
    );
    expect(a.Authorization).toBe('Basic abc');
    expect(flowIdOfTraceparent(a.traceparent)).toBe(first);
    expect(flowIdOfTraceparent(b.traceparent)).toBe(second);
    expect(a.traceparent).not.toBe(copiedLikeOauth(sut).traceparent);
  });

  it('always yields a valid header, a flow of its own outside any flow', () => {
    const headers = runInFlowScope(undefined, () => copiedLikeOauth(sut));
    expect(flowIdOfTraceparent(headers.traceparent)).toMatch(/^[0-9a-f]{32}$/);
  });
});
