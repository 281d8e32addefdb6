import { CreateUsers1732380000000 } from './migrations/1732380000000-create-users';

/** Every migration, in order. Listed explicitly: the app is bundled by webpack, so no globs. */
export const MIGRATIONS = [CreateUsers1732380000000];
