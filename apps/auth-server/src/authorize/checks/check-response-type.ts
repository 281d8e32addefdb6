import type { RequestParameters } from '../../common/request-parameters';
import { UnsupportedResponseType } from '../../errors/oauth-errors';

/**
 * response_type must be `code` (RFC 6749 §4.1.1): the only flow this server implements. The implicit
 * `token` flow is deprecated by RFC 9700 §2.1.2. A missing response_type is an invalid_request.
 */
export function checkResponseType(params: RequestParameters): void {
  const responseType = params.required('response_type');
  if (responseType !== 'code') {
    throw new UnsupportedResponseType(
      `response_type "${responseType}" is not supported; use "code"`,
    );
  }
}
