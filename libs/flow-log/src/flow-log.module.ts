import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { Logger, LoggerModule, type Params } from 'nestjs-pino';
import { levels } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { currentFlowId, flowIdOfTraceparent, runInFlowScope } from './flow-context';
import { FlowLog } from './flow-log.service';
import type { LogConfig } from './log-config';
import { redactUrl } from './redact';
import type { FlowParty } from './step-line';

/**
 * Structured logs for one service, through pino (nestjs-pino):
 * - every line names the `service` and, when known, the `flow_id` (see flow-context.ts);
 * - FlowLog writes the story at `info`, one line per protocol hop;
 * - pino-http logs every HTTP request at `debug` (errors at `error`), with only the method, the
 *   path with its secret parameters shortened (redact.ts), the status and the Location of a
 *   redirect, never headers, cookies or bodies;
 * - `LOG_FORMAT=json` writes one JSON object a line; `pretty` (pino-pretty, in-process so that it
 *   works from a webpack bundle) writes `[HH:MM:ss] INFO: step 3 · … · flow <id>`.
 */
@Module({})
export class FlowLogModule {
  /** `destination` (default stdout) lets a test read what would be written. */
  static forService(
    service: FlowParty,
    config: LogConfig,
    destination?: NodeJS.WritableStream,
  ): DynamicModule {
    return {
      module: FlowLogModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(service, config, destination))],
      providers: [FlowLog],
      exports: [FlowLog],
    };
  }
}

/**
 * Makes the app log through pino, and gives each request its flow scope: the flow id of a received
 * `traceparent` header, or none until the handler learns it (joinFlow). Call before `app.init()`,
 * after creating the app with `bufferLogs: true` so boot messages are not lost.
 *
 * Express runs middleware and handler in one chain, so a middleware opens the scope. Fastify reads
 * the body between its hooks, in callbacks of the socket that lose the scope, so there it opens in
 * the last hook before the handler (preHandler), where Nest's guards, pipes and handler all run.
 */
export function useFlowLogging(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    const fastify = adapter.getInstance() as FastifyHooks;
    fastify.addHook('preHandler', (request, _reply, done) =>
      runInFlowScope(flowIdOfTraceparent(request.headers.traceparent), done),
    );
    return;
  }
  app.use((request: IncomingMessage, _response: ServerResponse, next: () => void) =>
    runInFlowScope(flowIdOfTraceparent(request.headers.traceparent), next),
  );
}

/** The one Fastify hook useFlowLogging adds (this library does not depend on fastify). */
interface FastifyHooks {
  addHook(
    name: 'preHandler',
    hook: (request: { headers: IncomingHttpHeaders }, reply: unknown, done: () => void) => void,
  ): unknown;
}

function isHealthCheck(url: string | undefined): boolean {
  return url === '/health' || (url?.startsWith('/health?') ?? false);
}

function loggerParams(
  service: FlowParty,
  config: LogConfig,
  destination: NodeJS.WritableStream | undefined,
): Params {
  const writes = (level: 'debug' | 'error'): boolean =>
    levels.values[level] >= (levels.values[config.level] ?? Infinity);
  const options: Options = {
    level: config.level,
    base: { service },
    customProps: (request) => ({
      flow_id: currentFlowId() ?? flowIdOfTraceparent(request.headers.traceparent),
    }),
    serializers: {
      // pino-http makes an Error for every 5xx ("failed with status code 503"): its stack says
      // nothing, and an exception's own stack is logged by the app's exception filter.
      err: (error: Error) => ({ type: error.name, message: error.message }),
      req: (request: { id: unknown; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: redactUrl(request.url),
      }),
      res: (response: { statusCode: number; headers?: Record<string, unknown> }) => {
        const location = response.headers?.location;
        return typeof location === 'string'
          ? { statusCode: response.statusCode, location: redactUrl(location) }
          : { statusCode: response.statusCode };
      },
    },
    // A failing health check is reported by the check itself (terminus) and polled every few
    // seconds by compose: its requests stay at debug like every healthy request.
    // 'silent' when the line would not be written: pino-http then skips it whole (its fields, its
    // child logger), which at warn is every request that went well.
    customLogLevel: (request, response, error) => {
      const level =
        (error !== undefined || response.statusCode >= 500) && !isHealthCheck(request.url)
          ? 'error'
          : 'debug';
      return writes(level) ? level : 'silent';
    },
    customSuccessMessage: (request, response) =>
      `${request.method ?? ''} ${redactUrl(request.url ?? '')} → ${response.statusCode}`,
    customErrorMessage: (request, response) =>
      `${request.method ?? ''} ${redactUrl(request.url ?? '')} → ${response.statusCode}`,
  };
  return {
    pinoHttp:
      config.format === 'json'
        ? destination === undefined
          ? options
          : [options, destination]
        : [
            options,
            pretty({
              // Coloured even through a pipe (npm start's concurrently, docker-compose), unless
              // NO_COLOR is set (https://no-color.org).
              colorize: destination === undefined && (process.env.NO_COLOR ?? '') === '',
              ...(destination === undefined ? {} : { destination }),
              translateTime: 'HH:MM:ss',
              singleLine: true,
              ignore:
                'pid,hostname,service,context,req,res,responseTime,flow_id,step,from,to,channel',
              messageFormat: '{msg}{if flow_id} · flow {flow_id}{end}',
            }),
          ],
  };
}
