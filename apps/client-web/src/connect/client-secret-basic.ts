/**
 * Step 3, RFC 6749 §2.3.1: client_secret_basic. The client authenticates to the token endpoint with
 * HTTP Basic (RFC 7617), where the user name is the client_id and the password the client_secret,
 * EACH first encoded with application/x-www-form-urlencoded (RFC 6749 Appendix B). Skipping that
 * step works until an id or secret contains `:`, `%`, `+` or a space, and then fails or, worse,
 * authenticates as someone else.
 */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  const credentials = `${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/**
 * application/x-www-form-urlencoded of a single value: UTF-8, every byte but ALPHA / DIGIT / `*-._`
 * percent-encoded, space as `+`. encodeURIComponent also leaves `!'()~` alone, so those are added.
 */
export function formUrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
