// The story of the flow in the logs of all four services: one line per protocol hop, one flow id
// across services, secrets never written.
export {
  currentFlowId,
  flowHeaders,
  flowIdFromState,
  flowIdOfTraceparent,
  isFlowId,
  joinFlow,
  newFlowId,
  runInFlowScope,
  traceparentOf,
  type FlowId,
} from './flow-context';
export { FlowLogModule, type HttpAdapterName, useFlowLogging } from './flow-log.module';
export { FlowLog } from './flow-log.service';
export { logConfigOf, logEnvironment, type LogConfig } from './log-config';
export { LOGGED_VALUE_MAX_CHARS, logSafe } from './log-safe';
export { noAnswerReason } from './no-answer';
export { loggableValue, redactParameters, redactUrl, SECRET_PARAMETERS, shorten } from './redact';
export {
  channelOfStep,
  FLOW_STEP_TITLES,
  formatStepLine,
  type FlowChannel,
  type FlowHop,
  type FlowParty,
  type FlowStepNumber,
} from './step-line';
