import { PassThrough } from 'node:stream';
import { Controller, Get, type INestApplication, Module, Redirect } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { flowHeaders, joinFlow, newFlowId, traceparentOf } from './flow-context';
import { FlowLogModule, type HttpAdapterName, useFlowLogging } from './flow-log.module';
import { FlowLog } from './flow-log.service';
import type { LogConfig } from './log-config';

/** A made-up authorization code: it must never appear whole in a log. */
export const code = 'Yt3kq9ZrXw0pL2mN8vB4cD6eF1gH5jK7sQ9uA3xZ0yW';

@Controller()
class ExampleController {
  constructor(private readonly flowLog: FlowLog) {}

  @Get('callback')
  @Redirect()
  callback() {
    this.flowLog.hop({
      step: 2,
      from: 'auth-server',
      to: 'client-web',
      request: 'GET /callback code=Yt3kq9Zr…',
      outcome: '303 to /',
      ok: true,
    });
    return { url: `/next?code=${code}`, statusCode: 303 };
  }

  /** A handler that fails: Nest answers 500, whose request line is written at error. */
  @Get('fail')
  fail(): never {
    throw new Error('the example fails');
  }

  @Get('learn')
  learn() {
    const flowId = newFlowId();
    joinFlow(flowId);
    this.flowLog.hop({
      step: 1,
      from: 'client-web',
      to: 'auth-server',
      request: 'GET /authorize',
      outcome: '400 invalid_request',
      ok: false,
    });
    return { flowId, headers: flowHeaders() };
  }
}

/**
 * A tiny app that logs two hops through FlowLogModule, its output captured as lines, on Express
 * (pino-http writes its request lines) or Fastify (useFlowLogging's hook does).
 */
export async function startExampleApp(config: LogConfig, adapter: HttpAdapterName = 'express') {
  const output = new PassThrough();
  const lines: string[] = [];
  output.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  @Module({
    imports: [FlowLogModule.forService('client-web', config, output, adapter)],
    controllers: [ExampleController],
  })
  class ExampleModule {}
  const app: INestApplication =
    adapter === 'fastify'
      ? await NestFactory.create(ExampleModule, new FastifyAdapter(), { bufferLogs: true })
      : await NestFactory.create(ExampleModule, { bufferLogs: true });
  useFlowLogging(app);
  await app.listen(0, '127.0.0.1');
  return { app, lines, url: await app.getUrl() };
}

/**
 * At warn: a request that went well (/callback) writes no request line, a 5xx (/fail) writes its
 * line at error, under the request's flow id, naming no exception (the app's filter logs it), on
 * either adapter.
 */
export async function expectRequestLinesAtWarn(
  running: Awaited<ReturnType<typeof startExampleApp>>,
): Promise<void> {
  const { lines, url } = running;
  const flowId = newFlowId();
  const headers = { traceparent: traceparentOf(flowId) };
  await fetch(`${url}/callback`, { redirect: 'manual', headers });
  expect((await fetch(`${url}/fail`, { headers })).status).toBe(500);
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records).not.toContainEqual(expect.objectContaining({ msg: 'GET /callback → 303' }));
  expect(records.filter((record) => record.level === 20)).toEqual([]);
  const failed = records.filter((record) => record.msg === 'GET /fail → 500');
  expect(failed).toEqual([
    expect.objectContaining({
      level: 50,
      flow_id: flowId,
      err: expect.objectContaining({ message: 'failed with status code 500' }) as unknown,
    }),
  ]);
}
