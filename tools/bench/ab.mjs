// An A B of two resource-api builds, or of one build under two environments, on the verified GET
// (GET /notes/stats with a client_credentials token), as bench/README.md's "A B" figures are made:
// the four services start as the bench starts them (processes.mjs), a second resource-api (B)
// starts beside the first (A) on its own port and sqlite file, and the two are loaded in turn,
// A B A B, with the same token, 20 connections. Each round prints requests/s and the server's CPU
// (all threads) per request; the medians close. Nothing is written: it answers one question, "does
// this change pay", before a change is made for good and measured again by `npm run bench`.
//
//   node tools/bench/ab.mjs [--b-dist <main.js>] [--b-env KEY=VALUE]… [--b-node-arg ARG]…
//                           [--rounds 4] [--seconds 4] [--log-level warn]
//
// --b-dist is B's bundle (build the change in a git worktree whose node_modules is a link to this
// one's, so that the bundle finds its packages); without it, B runs this workspace's build.
// --b-env adds to B's environment only (e.g. NODE_OPTIONS=--max-semi-space-size=16); --b-node-arg
// to its command line (e.g. --cpu-prof and --cpu-prof-dir=DIR, which NODE_OPTIONS refuses: B exits
// cleanly at the end, so the profile is written). Build first:
// `npx nx run-many -t build`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RUNTIME_ENV } from '../runtime-env.mjs';
import { load, median } from './load.mjs';
import {
  environmentOf,
  freePorts,
  planServices,
  startFour,
  startNode,
  stopFour,
  waitFor,
  WORKSPACE_ROOT,
} from './processes.mjs';

const { values: args } = parseArgs({
  options: {
    'b-dist': { type: 'string', default: join(WORKSPACE_ROOT, 'dist/apps/resource-api/main.js') },
    'b-env': { type: 'string', multiple: true, default: [] },
    'b-node-arg': { type: 'string', multiple: true, default: [] },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '4' },
    'log-level': { type: 'string', default: 'warn' },
  },
});
const CONNECTIONS = 20;
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const B_ENV = environmentOf(args['b-env'], '--b-env');
const log = (line) => process.stdout.write(`${line}\n`);

const plan = await planServices();
const logDir = mkdtempSync(join(tmpdir(), 'oauth-flow-lab-ab-'));
const { services } = await startFour(plan, { logLevel: args['log-level'], logDir });
const [portB] = await freePorts(1);
const b = startNode(args['b-dist'], {
  env: {
    ...RUNTIME_ENV,
    NODE_ENV: 'production',
    LOG_FORMAT: 'json',
    LOG_LEVEL: args['log-level'],
    ...plan.environments['resource-api'],
    PORT: String(portB),
    DATABASE_PATH: join(plan.dataDir, 'resource-api-b.sqlite'),
    ...B_ENV,
  },
  nodeArgs: args['b-node-arg'],
  logFile: join(logDir, 'resource-api-b.log'),
});
try {
  await waitFor(`http://localhost:${portB}/health`, { alive: () => !b.exited() });
  const token = await clientCredentialsToken(`${plan.urls.authServer}/token`);
  const headers = { authorization: `Bearer ${token}` };
  const sides = [
    { name: 'A', handle: services['resource-api'], url: `${plan.urls.resourceApi}/notes/stats` },
    { name: 'B', handle: b, url: `http://localhost:${portB}/notes/stats` },
  ];
  for (const side of sides) {
    const answer = await fetch(side.url, { headers });
    if (answer.status !== 200) {
      throw new Error(`${side.name} answered ${answer.status}: ${await answer.text()}`);
    }
    await load({ url: side.url, connections: CONNECTIONS, seconds: 1, headers });
    side.rps = [];
    side.cpu = [];
  }
  log(`A: this workspace's build; B: ${args['b-dist']} ${JSON.stringify(B_ENV)}`);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const side of sides) {
      const cpuBefore = side.handle.cpuMs();
      const result = await load({
        url: side.url,
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers,
      });
      if (result.notOk > 0) {
        throw new Error(`${side.name}: ${result.notOk} answers were not 2xx (${result.detail})`);
      }
      side.rps.push(result.rps);
      side.cpu.push((side.handle.cpuMs() - cpuBefore) / result.ok);
      log(
        `round ${round} ${side.name} ${result.rps.toFixed(0).padStart(6)} req/s  ${side.cpu.at(-1).toFixed(3)} ms CPU/request`,
      );
    }
  }
  for (const side of sides) {
    log(
      `${side.name}: median ${median(side.rps).toFixed(0)} req/s, ${median(side.cpu).toFixed(3)} ms CPU/request`,
    );
  }
} finally {
  await b.stop();
  await stopFour(services);
}

/** A client_credentials token for notes:stats (reporting-service, a seeded client). */
async function clientCredentialsToken(tokenUrl) {
  const credentials = Buffer.from('reporting-service:reporting-service-secret').toString('base64');
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${credentials}`,
    },
    body: 'grant_type=client_credentials&scope=notes%3Astats',
  });
  const body = await response.json();
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`auth-server answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}
