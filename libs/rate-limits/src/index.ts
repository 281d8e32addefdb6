// Counting failed guesses (passwords at login-ui, client secrets at auth-server) and refusing more,
// and limiting the anonymous requests that make a service store something (/authorize, /connect).
export { type FailureLimit, FailureLimiter, type Reservation } from './failure-limiter';
export { type RequestLimit, RequestLimiter } from './request-limiter';
