import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { currentFlowId, FlowLog } from '@oauth-flow-lab/flow-log';
import { type Observable, tap } from 'rxjs';
import { type HttpRequest, serverResponseOf } from '../http/http-request';
import { LISTS } from './lists.decorator';
import { servedHops, StepSixLog } from './step-six-log';

/**
 * Tells steps 5 and 6 of a request whose token passed every check, once the answer is sent (its
 * status is known then, a 400 from the body's validation included). Registered for the whole app:
 * a request no guard let through (a refusal, an unguarded route) has nothing to tell here.
 */
@Injectable()
export class ServedRequestInterceptor implements NestInterceptor {
  constructor(
    private readonly stepSix: StepSixLog,
    private readonly flowLog: FlowLog,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.flowLog.writesHops) {
      return next.handle(); // a served request's hops are info lines: nothing to tell at warn
    }
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const accepted = this.stepSix.acceptedFor(request);
    if (accepted === undefined) {
      return next.handle();
    }
    const response = serverResponseOf(http.getResponse());
    const noun = this.reflector.get<string | undefined>(LISTS, context.getHandler());
    const flowId = currentFlowId();
    let result: string | undefined;
    response.once('finish', () => {
      for (const hop of servedHops(
        this.stepSix.caller,
        request,
        accepted,
        response.statusCode,
        result,
      )) {
        this.flowLog.hop({ ...hop, flowId });
      }
    });
    return next.handle().pipe(
      tap((body: unknown) => {
        if (noun !== undefined && Array.isArray(body)) {
          result = `${body.length} ${body.length === 1 ? noun.replace(/s$/, '') : noun}`;
        }
      }),
    );
  }
}
