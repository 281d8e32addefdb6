/**
 * The name an app gives one of its cookies: `__Host-<name>` when the app is served over https,
 * `<name>` over http (docs/security-cases.md, case 54).
 *
 * Why the prefix (RFC 6265bis §4.1.3.2): a browser stores a `__Host-` cookie only when it comes
 * from a secure origin with `Secure`, `Path=/` and no `Domain`, so it is bound to this exact host.
 * A sibling subdomain (whose `Domain=example.com` cookies reach every host of the site) or a page
 * of the same host name on plain http can no longer plant a session or CSRF cookie, which is how a
 * login CSRF with planted cookies works. The apps read only the prefixed name, so a cookie planted
 * under the plain name is ignored.
 *
 * Why not over http: browsers refuse `__Host-` cookies without `Secure`, and the local demo has no
 * TLS. There nothing stops a planted cookie; that is a limit of the demo, not a defence.
 *
 * Every cookie named this way must be set (and cleared) with `secure: secureCookies`, `path: '/'`
 * and no `domain`, or the browser drops it.
 */
export function cookieName(name: string, secureCookies: boolean): string {
  return secureCookies ? `__Host-${name}` : name;
}
