import { newFlowId, traceparentOf } from './flow-context';
import { startExampleApp } from './example-app.spec-helper';

describe('the pretty format', () => {
  it('writes one readable line per hop, the flow id at the end', async () => {
    const { app, lines, url } = await startExampleApp({ format: 'pretty', level: 'info' });
    const flowId = newFlowId();
    try {
      await fetch(`${url}/callback`, {
        redirect: 'manual',
        headers: { traceparent: traceparentOf(flowId) },
      });
    } finally {
      await app.close();
    }
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: step 2 · auth-server → client-web · front channel · GET /callback code=Yt3kq9Zr… → 303 to / · flow ${flowId}$`,
        ),
      ),
    );
  });
});
