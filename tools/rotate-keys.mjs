// `npm run keys:rotate [-- --activate-in=SECONDS]`: builds auth-server if needed (Nx caches the
// build) and creates a new signing key in its database, the one `npm start` uses. A running
// auth-server publishes the key in its JWKS at once and signs new tokens with it within seconds;
// the old key stays in the JWKS until every token it signed has expired.
import { execFileSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
// Same database as `npm start` (data/, or OAUTH_FLOW_LAB_DATA_DIR), unless DATABASE_PATH is set.
const dataDir = process.env.OAUTH_FLOW_LAB_DATA_DIR ?? 'data';

try {
  execFileSync('npx', ['nx', 'run', 'auth-server:build', '--output-style=static'], {
    env,
    stdio: 'pipe',
  });
  execFileSync(
    process.execPath,
    ['dist/apps/auth-server/main.js', 'rotate-keys', ...process.argv.slice(2)],
    { stdio: 'inherit', env: { DATABASE_PATH: `${dataDir}/auth-server.sqlite`, ...process.env } },
  );
} catch (error) {
  // The build's output is shown only when it failed; the rotate command has printed its own reason.
  process.stderr.write(error.stdout ?? '');
  process.stderr.write(error.stderr ?? '');
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
