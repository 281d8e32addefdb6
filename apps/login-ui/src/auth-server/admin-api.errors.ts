/**
 * What can go wrong when login-ui calls auth-server's admin API, as types. The client maps every
 * answer to one of these; the error page filter turns each into the page the user sees.
 */
export abstract class AdminApiCallError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** 404: the challenge is unknown, or is a challenge of the other kind (login vs consent). */
export class ChallengeNotFoundError extends AdminApiCallError {
  constructor() {
    super('The admin API does not know this challenge');
  }
}

/** 410: the challenge expired, or was already accepted or rejected (it is single-use). */
export class ChallengeGoneError extends AdminApiCallError {
  constructor(readonly reason: 'expired' | 'already_handled') {
    super(`The challenge is no longer usable (${reason})`);
  }
}

/** 400: auth-server refused what login-ui sent (e.g. a malformed challenge). */
export class AdminApiRefusedError extends AdminApiCallError {
  constructor(readonly description: string) {
    super(`The admin API refused the request: ${description}`);
  }
}

/** auth-server could not be reached, or did not answer in time. */
export class AdminApiUnreachableError extends AdminApiCallError {
  constructor(cause: unknown) {
    super(`The admin API could not be reached (${describe(cause)})`, { cause });
  }
}

/**
 * auth-server answered, but not with something login-ui can use: a 5xx, a 401 (the two services
 * disagree on ADMIN_API_SECRET), an unexpected status, or a body that does not match the contract.
 */
export class AdminApiBadGatewayError extends AdminApiCallError {
  constructor(readonly detail: string) {
    super(`The admin API answered unexpectedly: ${detail}`);
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.name}${inner}`;
  }
  return 'unknown error';
}
