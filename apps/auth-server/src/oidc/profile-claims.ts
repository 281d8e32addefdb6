/**
 * OIDC Core §5.4: the `profile` scope requests the user's default profile claims. We release the two
 * login-ui vouches for (name, preferred_username), and only when `profile` was granted; `openid`
 * alone tells the client no more than the `sub`.
 */
export function releasedProfileClaims(
  scope: readonly string[],
  claims: Record<string, string> | null,
): { name?: string; preferred_username?: string } {
  if (!scope.includes('profile') || claims === null) {
    return {};
  }
  const { name, preferred_username: preferredUsername } = claims;
  return {
    ...(name === undefined ? {} : { name }),
    ...(preferredUsername === undefined ? {} : { preferred_username: preferredUsername }),
  };
}
