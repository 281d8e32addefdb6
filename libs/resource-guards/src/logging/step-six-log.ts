import { Injectable } from '@nestjs/common';
import { currentFlowId, FlowLog } from '@oauth-flow-lab/flow-log';
import type { Request } from 'express';
import { type AccessTokenAccepted, StepSixEvents } from '../step-six.events';
import { refusedHops } from './step-six-story';

/**
 * Listens to step 6 (StepSixEvents) and tells it as step-numbered lines (step-six-story.ts): a
 * refusal at once (steps 5 and 6, with the check that failed); an accepted token is remembered for
 * ServedRequestInterceptor, which tells it once the answer's status is known.
 */
@Injectable()
export class StepSixLog {
  private readonly accepted = new WeakMap<object, AccessTokenAccepted>();

  constructor(
    events: StepSixEvents,
    private readonly flowLog: FlowLog,
  ) {
    events.on((event) => {
      if (event.verdict === 'accepted') {
        this.accepted.set(event.request, event);
        return;
      }
      const flowId = currentFlowId();
      for (const hop of refusedHops(event.request as Request, event)) {
        this.flowLog.hop({ ...hop, flowId });
      }
    });
  }

  /** What the guard raised for this request when it let the token through. */
  acceptedFor(request: object): AccessTokenAccepted | undefined {
    return this.accepted.get(request);
  }
}
