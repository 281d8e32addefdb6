/**
 * Whether a value holds a NUL character. No OAuth parameter, client credential or subject may hold
 * one (RFC 6749 Appendix A: printable characters only), and PostgreSQL refuses it in a query
 * parameter (sqlite takes it): such a value is refused, or known to match nothing, before any query,
 * so both stores answer alike (docs/security-cases.md, case 13).
 */
export function hasNul(value: string): boolean {
  return value.includes('\u0000');
}
