import { newFlowId, traceparentOf } from './flow-context';
import { expectRequestLinesAtWarn, startExampleApp } from './example-app.spec-helper';
import { FlowLog } from './flow-log.service';

// One app per file (nestjs-pino keeps one pino instance per process): this one at LOG_LEVEL=warn.
describe('FlowLog at LOG_LEVEL=warn', () => {
  let running: Awaited<ReturnType<typeof startExampleApp>>;
  beforeAll(async () => {
    running = await startExampleApp({ format: 'json', level: 'warn' });
  });
  afterAll(async () => {
    await running.app.close();
  });

  it('writes the refused hops, and says (writesHops) it writes none of those that went well', async () => {
    const { app, lines, url } = running;
    expect(app.get(FlowLog).writesHops).toBe(false);
    const flowId = newFlowId();
    await fetch(`${url}/callback`, {
      redirect: 'manual',
      headers: { traceparent: traceparentOf(flowId) },
    });
    // /learn refuses at step 1 (a warn line), after /callback's hop would have been written.
    const learned = (await (await fetch(`${url}/learn`)).json()) as { flowId: string };
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ flow_id: learned.flowId, step: 1, level: 40 }),
    );
    expect(records).not.toContainEqual(expect.objectContaining({ flow_id: flowId }));
  });

  it('writes no request line for a request that went well, and the line of a 5xx at error', async () => {
    await expectRequestLinesAtWarn(running);
  });
});
