import { execFileSync } from 'node:child_process';

let read: Record<string, string> | undefined;

/**
 * The runtime settings the four services run with everywhere else (`tools/runtime-env.mjs`: glibc's
 * malloc arenas, V8's heap bounds), so that the cross-service tests run them as `npm start`, the
 * bench and the Dockerfile do, and a service that outgrows its heap bound fails a test here first.
 * That file is an ES module, which jest's CommonJS runtime cannot load: one `node` reads it, once.
 */
export function runtimeEnv(workspaceRoot: string): Record<string, string> {
  read ??= JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        "import { RUNTIME_ENV } from './tools/runtime-env.mjs'; process.stdout.write(JSON.stringify(RUNTIME_ENV));",
      ],
      { cwd: workspaceRoot, encoding: 'utf8' },
    ),
  ) as Record<string, string>;
  return read;
}
