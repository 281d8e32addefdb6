import { expectRequestLinesAtWarn, startExampleApp } from './example-app.spec-helper';

// One app per file (nestjs-pino keeps one pino instance per process): Fastify at LOG_LEVEL=warn.
describe('FlowLog on Fastify at LOG_LEVEL=warn', () => {
  let running: Awaited<ReturnType<typeof startExampleApp>>;
  beforeAll(async () => {
    running = await startExampleApp({ format: 'json', level: 'warn' }, 'fastify');
  });
  afterAll(async () => {
    await running.app.close();
  });

  it('writes no request line for a request that went well, and the line of a 5xx at error, as pino-http does', async () => {
    await expectRequestLinesAtWarn(running);
  });
});
