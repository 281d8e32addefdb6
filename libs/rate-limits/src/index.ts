// Counting failed guesses (passwords at login-ui, client secrets at auth-server) and refusing more.
export { type FailureLimit, FailureLimiter } from './failure-limiter';
