import { CreateUsers1732380000000 } from './migrations/1732380000000-create-users';
import { CreateLoginSessions1764000400000 } from './migrations/1764000400000-create-login-sessions';

/** Every migration, in order. Listed explicitly: the app is bundled by webpack, so no globs. */
export const MIGRATIONS = [CreateUsers1732380000000, CreateLoginSessions1764000400000];
