import { newFlowId, traceparentOf } from './flow-context';
import { startExampleApp } from './example-app.spec-helper';

// One app per file (nestjs-pino keeps one pino instance per process): Fastify at LOG_LEVEL=warn.
describe('FlowLog on Fastify at LOG_LEVEL=warn', () => {
  let running: Awaited<ReturnType<typeof startExampleApp>>;
  beforeAll(async () => {
    running = await startExampleApp({ format: 'json', level: 'warn' }, 'fastify');
  });
  afterAll(async () => {
    await running.app.close();
  });

  it('writes no request line for a request that went well, and the line of a 5xx at error', async () => {
    const { lines, url } = running;
    const flowId = newFlowId();
    const headers = { traceparent: traceparentOf(flowId) };
    await fetch(`${url}/callback`, { redirect: 'manual', headers });
    expect((await fetch(`${url}/fail`, { headers })).status).toBe(500);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 50,
        flow_id: flowId,
        msg: 'GET /fail → 500',
        err: { type: 'Error', message: 'failed with status code 500' },
      }),
    );
    expect(records).not.toContainEqual(expect.objectContaining({ msg: 'GET /callback → 303' }));
    expect(records.filter((record) => record.level === 20)).toEqual([]);
  });
});
