import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { Logger, LoggerModule, type Params } from 'nestjs-pino';
import { levels } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { currentFlowId, flowIdOfTraceparent, type FlowScope, runInFlowScope } from './flow-context';
import { FlowLog } from './flow-log.service';
import type { LogConfig } from './log-config';
import { redactUrl } from './redact';
import {
  type ReplySeen,
  requestLineLevel,
  requestLineMessage,
  type RequestSeen,
} from './request-line';
import type { FlowParty } from './step-line';

/** The HTTP adapter an app runs on: who writes its request lines (request-line.ts). */
export type HttpAdapterName = 'express' | 'fastify';

/**
 * Structured logs for one service, through pino (nestjs-pino):
 * - every line names the `service` and, when known, the `flow_id` (see flow-context.ts);
 * - FlowLog writes the story at `info`, one line per protocol hop;
 * - every HTTP request gets a line at `debug` (errors at `error`, request-line.ts), with only the
 *   method, the path with its secret parameters shortened (redact.ts), the status and the Location
 *   of a redirect, never headers, cookies or bodies. On Express, pino-http writes it, as
 *   nestjs-pino sets it up. On Fastify, a hook does (useFlowLogging): pino-http runs there through
 *   @fastify/middie, as Express middleware, and builds two child loggers for every request, whatever
 *   the level, which was 18% of a verified GET's CPU (bench/README.md, "Issue 17");
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
    adapter: HttpAdapterName = 'express',
  ): DynamicModule {
    return {
      module: FlowLogModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(service, config, destination, adapter))],
      providers: [FlowLog],
      exports: [FlowLog],
    };
  }
}

/**
 * Makes the app log through pino, and gives each request its flow scope: the flow id of a received
 * `traceparent` header, or none until the handler learns it (joinFlow). On Fastify it also writes
 * each request's line (request-line.ts), unless `requestLines` is false: an app whose paths carry
 * secrets (auth-server's admin API: `/admin/login-requests/<challenge>`) writes none. Call before `app.init()`,
 * after creating the app with `bufferLogs: true` so boot messages are not lost.
 *
 * Express runs middleware and handler in one chain, so a middleware opens the scope. Fastify reads
 * the body between its hooks, in callbacks of the socket that lose the scope, so there it opens in
 * the last hook before the handler (preHandler), where Nest's guards, pipes and handler all run.
 */
export function useFlowLogging(
  app: INestApplication,
  { requestLines = true }: { requestLines?: boolean } = {},
): void {
  app.useLogger(app.get(Logger));
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    useFastifyHooks(
      adapter.getInstance() as FastifyHooks,
      requestLines ? app.get(FlowLog) : undefined,
    );
    return;
  }
  app.use((request: IncomingMessage, _response: ServerResponse, next: () => void) =>
    runInFlowScope(flowIdOfTraceparent(request.headers.traceparent), () => next()),
  );
}

/**
 * On Fastify: the flow scope from preHandler on, and the request line once the answer is sent
 * (onResponse), with the flow id the handler may have learned (joinFlow): the scope is kept by
 * request, since onResponse runs outside it. A request refused before preHandler (an unknown
 * path, an unreadable body) has no scope: its line takes the flow id of its `traceparent`.
 */
function useFastifyHooks(fastify: FastifyHooks, flowLog: FlowLog | undefined): void {
  if (flowLog === undefined) {
    fastify.addHook('preHandler', (request, _reply, done) =>
      runInFlowScope(flowIdOfTraceparent(request.headers.traceparent), () => done()),
    );
    return;
  }
  const scopes = new WeakMap<RequestSeen, FlowScope>();
  fastify.addHook('preHandler', (request, _reply, done) =>
    runInFlowScope(flowIdOfTraceparent(request.headers.traceparent), (scope) => {
      scopes.set(request, scope);
      done();
    }),
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    flowLog.requestLine(request, reply, () => scopes.get(request)?.flowId);
    done();
  });
}

/** The two Fastify hooks useFlowLogging adds. */
interface FastifyHooks {
  addHook(
    name: 'preHandler' | 'onResponse',
    hook: (request: RequestSeen, reply: ReplySeen, done: () => void) => void,
  ): unknown;
}

function loggerParams(
  service: FlowParty,
  config: LogConfig,
  destination: NodeJS.WritableStream | undefined,
  adapter: HttpAdapterName,
): Params {
  const writes = (level: 'debug' | 'error'): boolean =>
    levels.values[level] >= (levels.values[config.level] ?? Infinity);
  const options: Options = {
    level: config.level,
    base: { service },
    // Every line of a request carries its flow id. On Express, pino-http binds it to the request's
    // child logger; on Fastify, where there is none, pino adds it to each line written in the
    // request's flow scope (a line's own flow_id, a hop's, comes first).
    customProps: (request) => ({
      flow_id: currentFlowId() ?? flowIdOfTraceparent(request.headers.traceparent),
    }),
    ...(adapter === 'fastify' ? { mixin: () => ({ flow_id: currentFlowId() }) } : {}),
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
    // 'silent' when the line would not be written: pino-http then skips it whole (its fields, its
    // child logger), which at warn is every request that went well.
    customLogLevel: (request, response, error) => {
      const level = requestLineLevel(request.url, response.statusCode, error !== undefined);
      return writes(level) ? level : 'silent';
    },
    customSuccessMessage: (request, response) =>
      requestLineMessage(request.method, request.url, response.statusCode),
    customErrorMessage: (request, response) =>
      requestLineMessage(request.method, request.url, response.statusCode),
  };
  return {
    // On Fastify, pino-http is not run at all (no route): the request line is a hook's.
    ...(adapter === 'fastify' ? { forRoutes: [] } : {}),
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
