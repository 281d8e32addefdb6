import { newFlowId, traceparentOf } from './flow-context';
import { FlowLogModule } from './flow-log.module';
import { code, startExampleApp } from './example-app.spec-helper';

// nestjs-pino keeps one pino instance per process (per jest test file): one app per file.
// flow-log.pretty.spec.ts tests the pretty format.
describe(FlowLogModule.name, () => {
  let running: Awaited<ReturnType<typeof startExampleApp>>;
  beforeAll(async () => {
    running = await startExampleApp({ format: 'json', level: 'debug' });
  });
  afterAll(async () => {
    await running.app.close();
  });

  it('writes JSON lines: the hop with its flow id and step, requests at debug with secrets shortened', async () => {
    const { lines, url } = running;
    const flowId = newFlowId();
    await fetch(`${url}/callback?code=${code}&state=abc`, {
      redirect: 'manual',
      headers: { traceparent: traceparentOf(flowId) },
    });
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({
        service: 'client-web',
        flow_id: flowId,
        step: 2,
        from: 'auth-server',
        to: 'client-web',
        channel: 'front channel',
        msg: 'step 2 · auth-server → client-web · front channel · GET /callback code=Yt3kq9Zr… → 303 to /',
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 20,
        flow_id: flowId,
        msg: 'GET /callback?code=Yt3kq9Zr%E2%80%A6&state=%E2%80%A6 → 303',
        res: { statusCode: 303, location: '/next?code=Yt3kq9Zr%E2%80%A6' },
      }),
    );
    expect(lines.join('\n')).not.toContain(code);
  });

  it('names the flow a handler learns in its later lines and back-channel headers, refusals at warn', async () => {
    const { lines, url } = running;
    const body = (await (await fetch(`${url}/learn`)).json()) as {
      flowId: string;
      headers: { traceparent?: string };
    };
    expect(body.headers.traceparent).toContain(body.flowId);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ flow_id: body.flowId, step: 1, level: 40 }),
    );
  });
});
