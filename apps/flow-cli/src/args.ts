import { parseArgs } from 'node:util';
import { SEEDED_USERS } from './users';

export interface FlowOptions {
  clientWebUrl: string;
  username: string;
  password: string;
  pause: boolean;
}

export type ParsedArgs =
  | { kind: 'run'; options: FlowOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** client-web's address under `npm start`; auth-server and login-ui are found from its redirects. */
export const DEFAULT_CLIENT_WEB_URL = 'http://localhost:3002';

export const USAGE = `Usage: npm run flow [-- options]

Plays the six steps of the OAuth 2.0 authorization-code flow against running services (npm start),
as a browser would, and prints each step.

  --client-web-url <url>  client-web's address (default ${DEFAULT_CLIENT_WEB_URL})
  --user <name>           the seeded user to log in as: ${[...SEEDED_USERS.keys()].join(', ')} (default alice)
  --pause                 wait for Enter between the steps
  --help                  this text`;

/**
 * Reads the command line. `--password` is deliberately left out of the usage text: it exists so a
 * test can type a wrong password, or to log in as a user added by hand.
 */
export function parseFlowArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'client-web-url': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        pause: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) {
    return { kind: 'help' };
  }
  const clientWebUrl = values['client-web-url'] ?? DEFAULT_CLIENT_WEB_URL;
  if (!isHttpUrl(clientWebUrl)) {
    return {
      kind: 'error',
      message: `--client-web-url must be an http(s) URL, got "${clientWebUrl}"`,
    };
  }
  const username = values.user ?? 'alice';
  const password = values.password ?? SEEDED_USERS.get(username);
  if (password === undefined) {
    const known = [...SEEDED_USERS.keys()].join(', ');
    return { kind: 'error', message: `unknown user "${username}": the seeded users are ${known}` };
  }
  return {
    kind: 'run',
    options: {
      clientWebUrl: clientWebUrl.replace(/\/+$/, ''),
      username,
      password,
      pause: values.pause ?? false,
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
