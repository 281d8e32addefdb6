/**
 * The demo users, created at first start (see users.seeder.ts). Their ids are the subject
 * identifiers the other services see as `sub`; the passwords are shown on the home page because
 * this is a demo, and are stored only as scrypt hashes.
 */
export interface SeedUser {
  id: string;
  username: string;
  password: string;
  name: string;
}

export const SEED_USERS: readonly SeedUser[] = [
  {
    id: '3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14',
    username: 'alice',
    password: 'wonderland',
    name: 'Alice Liddell',
  },
  {
    id: 'b7e4d913-2c58-4f06-a3d9-51e8c7a2f630',
    username: 'bob',
    password: 'builder',
    name: 'Bob the Builder',
  },
];
