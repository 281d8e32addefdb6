import { CreateUsers1732380000000 } from './migrations/1732380000000-create-users';
import { CreateLoginSessions1764000400000 } from './migrations/1764000400000-create-login-sessions';
import { LoginSessionsExpiryIndex1764000500000 } from './migrations/1764000500000-login-sessions-expiry-index';

/** Every migration, in order. Listed explicitly: the app is bundled by webpack, so no globs. */
export const MIGRATIONS = [
  CreateUsers1732380000000,
  CreateLoginSessions1764000400000,
  LoginSessionsExpiryIndex1764000500000,
];
