import { InvalidIssuer } from '../../errors/client-web-errors';

/**
 * Step 3, RFC 9207 §2.4: the authorization response's `iss` must be present and equal, by simple
 * string comparison, to the issuer of the authorization server the request was sent to. This stops a
 * mix-up attack, where a response from another (malicious) server is presented to this client as if
 * it came from ours, and the client would send the code to the wrong token endpoint. It applies to
 * error responses too. auth-server advertises `authorization_response_iss_parameter_supported`, so
 * a missing `iss` is refused as well.
 */
export function checkIssuer(iss: string | undefined, expectedIssuer: string): void {
  if (iss === undefined || iss === '') {
    throw new InvalidIssuer('The authorization response has no iss parameter (RFC 9207).');
  }
  if (iss !== expectedIssuer) {
    throw new InvalidIssuer(
      `The authorization response comes from ${iss}, not from ${expectedIssuer} (RFC 9207).`,
    );
  }
}
