/**
 * The seeded demo users (apps/login-ui/src/seeds/users.seed.ts): username → password. The CLI types
 * the password into login-ui's form exactly as a person would; it is never printed.
 */
export const SEEDED_USERS: ReadonlyMap<string, string> = new Map([
  ['alice', 'wonderland'],
  ['bob', 'builder'],
]);
