/**
 * Errors login-ui itself raises while handling a page or a form. Each knows the status and words
 * of the page the user sees (rendered by ErrorPageFilter); none of them is ever a 500.
 */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A missing, repeated or malformed parameter or form field. */
export class BadRequestPageError extends PageError {
  constructor(message: string) {
    super(400, 'Bad request', message);
  }
}

/**
 * docs/security-cases.md, case 10: a form POST without the right CSRF token. Nothing is accepted.
 */
export class InvalidCsrfTokenError extends PageError {
  constructor() {
    super(
      403,
      'This form can no longer be sent',
      'The form was not sent with a valid CSRF token, so nothing was done. ' +
        'Go back to the application and start again.',
    );
  }
}

/**
 * docs/security-cases.md, case 11: too many failed sign-ins for this account or from this address.
 */
export class TooManyLoginAttemptsError extends PageError {
  constructor(retryAfterSeconds: number) {
    super(429, 'Too many attempts', 'Too many failed sign-ins. Wait a while before trying again.', {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
