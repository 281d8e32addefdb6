// `npm start`: builds the four services if needed (Nx caches the builds) and runs them side by side,
// each line of output prefixed with its service. Ctrl-C stops all four.
import { execFileSync } from 'node:child_process';
import concurrently from 'concurrently';
import { RUNTIME_ENV } from './runtime-env.mjs';

const SERVICES = [
  {
    name: 'auth-server',
    color: 'magenta',
    url: 'http://localhost:3000',
    probe: '/.well-known/oauth-authorization-server',
  },
  { name: 'login-ui', color: 'yellow', url: 'http://localhost:3001', probe: '/' },
  { name: 'client-web', color: 'cyan', url: 'http://localhost:3002', probe: '/' },
  { name: 'resource-api', color: 'green', url: 'http://localhost:3003', probe: '/notes' },
];

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
console.log('Building the four services (cached after the first time)...');
execFileSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', ...SERVICES.map((s) => s.name), '--output-style=static'],
  {
    stdio: 'inherit',
    env,
  },
);

// Each service keeps its sqlite file under data/ (or OAUTH_FLOW_LAB_DATA_DIR, which the tests use).
const dataDir = process.env.OAUTH_FLOW_LAB_DATA_DIR ?? 'data';
const { result } = concurrently(
  SERVICES.map((s) => ({
    name: s.name,
    command: `node dist/apps/${s.name}/main.js`,
    prefixColor: s.color,
    env: {
      ...RUNTIME_ENV,
      DATABASE_PATH: `${dataDir}/${s.name}.sqlite`,
      // Each service writes its story in pretty lines (LOG_FORMAT=json for one JSON object a line).
      LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
      // resource-api's validation report, which client-web asks for its flow view (never on in
      // production).
      ...(s.name === 'resource-api' || s.name === 'client-web'
        ? { DEMO_MODE: process.env.DEMO_MODE ?? 'true' }
        : {}),
    },
  })),
  { prefix: '{name}', padPrefix: true, killOthersOn: ['failure'], restartTries: 0 },
);

/** Any HTTP answer means the service is up (resource-api answers 401 without a token). */
async function isUp(url) {
  try {
    await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function announceWhenReady() {
  for (let attempt = 0; attempt < 120; attempt++) {
    const up = await Promise.all(SERVICES.map((s) => isUp(s.url + s.probe)));
    if (up.every(Boolean)) {
      console.log(
        [
          '',
          '  OAuth Flow Lab is running:',
          '    auth-server   http://localhost:3000  (authorization server; admin API on http://127.0.0.1:3100)',
          '    login-ui      http://localhost:3001  (the user: login and consent pages)',
          '    client-web    http://localhost:3002  (the client: "Notes Reader")',
          '    resource-api  http://localhost:3003  (the protected notes API)',
          '',
          '  Open http://localhost:3002 and log in as alice / wonderland (or bob / builder)',
          '  Ctrl-C stops all four.',
          '',
        ].join('\n'),
      );
      return;
    }
    await new Promise((wait) => setTimeout(wait, 500));
  }
  console.error('The services did not all come up within a minute; see their output above.');
}

void announceWhenReady();
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
