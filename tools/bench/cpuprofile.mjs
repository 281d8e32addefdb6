// A tiny summarizer of V8 .cpuprofile files (what `node --cpu-prof` writes): the functions with the
// most self time (mapped to the TypeScript source through the bundle's source map for our code),
// and the packages the time falls in, optionally within a time window.
//
//   node tools/bench/cpuprofile.mjs <file.cpuprofile> [--top 25] [--from <µs>] [--to <µs>]
//
// `--from`/`--to` are the monotonic clock of the profile (`startTime`, microseconds), the same
// clock as process.hrtime in any process of the machine: `npm run bench -- --profile` uses them to
// cut one profile into its phases.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * For a webpack bundle with its .map beside it: per generated line, its mapped segments
 * ([column, original source, original line]), decoded from the source map's base64 VLQ `mappings`.
 */
function decodeSourceMap(bundlePath) {
  const mapPath = `${bundlePath}.map`;
  if (!existsSync(mapPath)) {
    return undefined;
  }
  const map = JSON.parse(readFileSync(mapPath, 'utf8'));
  // webpack:///./src/x.ts is relative to the app (dist/apps/<app> ← apps/<app>).
  const appDir = /dist\/(apps\/[^/]+)\//.exec(bundlePath)?.[1] ?? '.';
  const sources = map.sources.map((source) => {
    const path = source.replace(/^webpack:\/\/\//, '');
    return path.startsWith('external')
      ? path
      : new URL(path, `file:///${appDir}/`).pathname.slice(1);
  });
  const lines = [];
  const state = [0, 0, 0, 0];
  for (const line of map.mappings.split(';')) {
    const segments = [];
    state[0] = 0;
    for (const segment of line.split(',')) {
      if (segment === '') {
        continue;
      }
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      state[0] += fields[0];
      if (fields.length >= 4) {
        state[1] += fields[1];
        state[2] += fields[2];
        state[3] += fields[3];
        segments.push([state[0], sources[state[1]], state[2] + 1]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

const bundles = new Map();
/**
 * `source:line` of a profiled function of an app bundle (dist/apps/<app>/main.js), from its
 * source map: the segment at or before the function's column; undefined for anything else.
 */
function locate(url, line, column) {
  if (!/\/dist\/apps\/[^/]+\/main\.js$/.test(url)) {
    return undefined;
  }
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (!bundles.has(path)) {
    bundles.set(path, decodeSourceMap(path));
  }
  const segments = bundles.get(path)?.[line - 1] ?? [];
  const segment = segments.filter(([at]) => at <= column).pop() ?? segments[0];
  return segment && !segment[1].startsWith('external') ? `${segment[1]}:${segment[2]}` : undefined;
}

/** Where a function lives: node's own, a package (its name), or the app bundle. */
export function originOf(url) {
  if (url === '') {
    return '(native/V8)';
  }
  if (url.startsWith('node:')) {
    return 'node core';
  }
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (packageMatch) {
    return packageMatch[1];
  }
  const appMatch = /dist\/apps\/([^/]+)\//.exec(url);
  return appMatch ? `our code (${appMatch[1]} bundle)` : url.replace(/^file:\/\//, '');
}

/**
 * Self time per function and per origin (µs), and inclusive time per function, over the samples
 * whose timestamps fall in one of `windows` ([{from, to}], the profile's clock; all when absent).
 * `busyMs` is the main thread's time not idle: against the windows' length it says whether the
 * process was CPU-bound or waiting.
 */
export function summarize(profile, { windows } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parents.set(child, node.id);
    }
  }
  const keyOf = (node) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    return `${functionName || '(anonymous)'}\t${url}\t${lineNumber + 1}\t${columnNumber}`;
  };
  const inWindow = (time) =>
    windows === undefined || windows.some(({ from, to }) => time >= from && time <= to);
  const self = new Map();
  const total = new Map();
  const origins = new Map();
  let sampled = 0;
  let idle = 0;
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (!inWindow(time)) {
      return;
    }
    // A sample stands for the time until the next one (the last one: the mean interval).
    const weight =
      profile.timeDeltas[index + 1] ??
      (profile.endTime - profile.startTime) / profile.samples.length;
    const node = nodes.get(id);
    if (!node) {
      return;
    }
    sampled += weight;
    if (node.callFrame.functionName === '(idle)') {
      idle += weight;
      return;
    }
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + weight);
    const origin = originOf(node.callFrame.url);
    origins.set(origin, (origins.get(origin) ?? 0) + weight);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at);
      const frameKey = keyOf(frame);
      if (frame.callFrame.functionName !== '(root)' && !seen.has(frameKey)) {
        seen.add(frameKey);
        total.set(frameKey, (total.get(frameKey) ?? 0) + weight);
      }
    }
  });
  const busy = sampled - idle;
  const rows = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([key, us]) => {
        const [name, url, line, column] = key.split('\t');
        return {
          name,
          url,
          line: Number(line),
          column: Number(column),
          us,
          share: busy > 0 ? us / busy : 0,
        };
      });
  return {
    sampledMs: sampled / 1000,
    busyMs: busy / 1000,
    self: rows(self),
    total: rows(total),
    origins: [...origins.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([origin, us]) => ({ origin, us, share: busy > 0 ? us / busy : 0 })),
  };
}

const percent = (share) => `${(share * 100).toFixed(1)}%`;
const where = (row) =>
  row.url === ''
    ? ''
    : (locate(row.url, row.line, row.column) ??
      `${row.url.replace(/^.*?\/(node_modules|dist)\//, '$1/')}:${row.line}`);

/** Markdown lines: the top `top` functions by self time, then the origins. */
export function formatSummary(summary, { top = 15, title = 'profile' } = {}) {
  const lines = [
    `${title}: ${summary.busyMs.toFixed(0)} ms busy of ${summary.sampledMs.toFixed(0)} ms sampled`,
    '',
    '| self | function | where |',
    '| ---: | --- | --- |',
    ...summary.self
      .slice(0, top)
      .map((row) => `| ${percent(row.share)} | \`${row.name}\` | ${where(row)} |`),
    '',
    '| self | origin |',
    '| ---: | --- |',
    ...summary.origins.slice(0, 12).map((row) => `| ${percent(row.share)} | ${row.origin} |`),
  ];
  return lines.join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '25' },
      from: { type: 'string' },
      to: { type: 'string' },
      total: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error('usage: node tools/bench/cpuprofile.mjs <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
  const summary = summarize(profile, {
    windows:
      values.from === undefined && values.to === undefined
        ? undefined
        : [{ from: Number(values.from ?? -Infinity), to: Number(values.to ?? Infinity) }],
  });
  console.log(formatSummary(summary, { top: Number(values.top), title: positionals[0] }));
  if (values.total) {
    console.log('\n| total | function | where |\n| ---: | --- | --- |');
    for (const row of summary.total.slice(0, Number(values.top))) {
      console.log(`| ${percent(row.share)} | \`${row.name}\` | ${where(row)} |`);
    }
  }
}
