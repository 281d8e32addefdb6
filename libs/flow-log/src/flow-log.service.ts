import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { type FlowId, flowIdOfTraceparent, currentFlowId } from './flow-context';
import {
  type ReplySeen,
  requestLineLevel,
  requestLineMessage,
  type RequestSeen,
} from './request-line';
import { channelOfStep, type FlowHop, formatStepLine } from './step-line';

/**
 * Writes the story of the flow: one line per protocol hop (see step-line.ts), with the flow id and
 * the step as fields, so the JSON logs can be filtered by either and the pretty logs read as prose.
 *
 *     step 3 · client-web → auth-server · back channel · POST /token grant_type=authorization_code → 200 (…)
 *
 * Callers pass values already made safe (see redact.ts): this never sees a raw secret.
 */
@Injectable()
export class FlowLog {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext('flow');
  }

  /**
   * Whether a hop that went well would be written (LOG_LEVEL info or debug). A caller that spends
   * work describing a hop (decoding a token to show its `jti`) asks first: at warn, the level the
   * bench runs, a request then pays for no line it does not write.
   */
  get writesHops(): boolean {
    return this.logger.logger.isLevelEnabled('info');
  }

  /**
   * The request line of a request answered on Fastify (request-line.ts), where pino-http does not
   * run: the same fields as pino-http's (`req`, `res`, `responseTime`, `flow_id`), through the
   * same serializers, which shorten the secrets. Nothing is built when the level drops the line.
   */
  requestLine(
    request: RequestSeen,
    reply: ReplySeen,
    flowIdOfScope: () => FlowId | undefined,
  ): void {
    const logger = this.logger.logger;
    const level = requestLineLevel(request.url, reply.statusCode);
    if (!logger.isLevelEnabled(level)) {
      return;
    }
    const { statusCode } = reply;
    const fields = {
      flow_id: flowIdOfScope() ?? flowIdOfTraceparent(request.headers.traceparent),
      req: { id: request.id, method: request.method, url: request.url },
      res: { statusCode, headers: { location: reply.getHeader('location') } },
      responseTime: Math.round(reply.elapsedTime),
      // As pino-http: a 5xx names no exception here (the app's exception filter logs it).
      ...(level === 'error' ? { err: new Error(`failed with status code ${statusCode}`) } : {}),
    };
    logger[level](fields, requestLineMessage(request.method, request.url, statusCode));
  }

  hop(hop: FlowHop): void {
    const level = hop.ok ? 'info' : 'warn';
    if (!this.logger.logger.isLevelEnabled(level)) {
      return;
    }
    const flowId = hop.flowId ?? currentFlowId();
    const fields = {
      flow_id: flowId,
      step: hop.step,
      from: hop.from,
      to: hop.to,
      channel: hop.channel ?? channelOfStep(hop.step),
    };
    this.logger[level](fields, formatStepLine(hop));
  }
}
