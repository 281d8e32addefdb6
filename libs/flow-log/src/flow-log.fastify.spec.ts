import { newFlowId, traceparentOf } from './flow-context';
import { code, startExampleApp } from './example-app.spec-helper';

// One app per file (nestjs-pino keeps one pino instance per process). On Fastify the request
// lines are useFlowLogging's hook's, not pino-http's: the same fields, by the same rules.
describe('FlowLog on Fastify at LOG_LEVEL=debug', () => {
  let running: Awaited<ReturnType<typeof startExampleApp>>;
  beforeAll(async () => {
    running = await startExampleApp({ format: 'json', level: 'debug' }, 'fastify');
  });
  afterAll(async () => {
    await running.app.close();
  });

  const records = () => running.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes the hop, then the request line at debug: method, path with secrets shortened, status, Location', async () => {
    const flowId = newFlowId();
    await fetch(`${running.url}/callback?code=${code}&state=abc`, {
      redirect: 'manual',
      headers: { traceparent: traceparentOf(flowId) },
    });
    expect(records()).toContainEqual(
      expect.objectContaining({ service: 'client-web', flow_id: flowId, step: 2, level: 30 }),
    );
    expect(records()).toContainEqual(
      expect.objectContaining({
        level: 20,
        service: 'client-web',
        flow_id: flowId,
        msg: 'GET /callback?code=Yt3kq9Zr%E2%80%A6&state=%E2%80%A6 → 303',
        req: expect.objectContaining({
          method: 'GET',
          url: '/callback?code=Yt3kq9Zr%E2%80%A6&state=%E2%80%A6',
        }) as unknown,
        res: { statusCode: 303, location: '/next?code=Yt3kq9Zr%E2%80%A6' },
        responseTime: expect.any(Number) as unknown,
      }),
    );
    // One line: pino-http does not run on Fastify as well.
    const requestLines = records().filter((record) =>
      record.msg?.toString().startsWith('GET /callback'),
    );
    expect(requestLines).toHaveLength(1);
    expect(running.lines.join('\n')).not.toContain(code);
  });

  it('names in the request line the flow the handler learned after the request arrived', async () => {
    const body = (await (await fetch(`${running.url}/learn`)).json()) as { flowId: string };
    expect(records()).toContainEqual(
      expect.objectContaining({ level: 20, flow_id: body.flowId, msg: 'GET /learn → 200' }),
    );
  });

  it("writes a line for a request no route takes, with its traceparent's flow id", async () => {
    const flowId = newFlowId();
    const answer = await fetch(`${running.url}/no-such-path`, {
      headers: { traceparent: traceparentOf(flowId) },
    });
    expect(answer.status).toBe(404);
    expect(records()).toContainEqual(
      expect.objectContaining({ level: 20, flow_id: flowId, msg: 'GET /no-such-path → 404' }),
    );
  });
});
