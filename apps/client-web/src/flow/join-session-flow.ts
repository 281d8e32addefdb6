import { joinFlow } from '@oauth-flow-lab/flow-log';
import type { NextFunction, Request, Response } from 'express';

/**
 * Names each request of a browser session after the session's flow (FlowRecorder), so the log
 * lines of a page load and its back-channel calls (refresh, resource-api, revoke: flowHeaders())
 * carry the flow id of the login they follow. Runs after the session middleware; /connect and
 * /callback then name their request after the state they handle.
 */
export function joinSessionFlow(req: Request, _res: Response, next: NextFunction): void {
  const flow = req.session?.flow;
  if (flow !== undefined) {
    joinFlow(flow.id);
  }
  next();
}
