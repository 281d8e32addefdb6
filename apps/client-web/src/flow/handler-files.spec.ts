import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FlowHopKind, HOP_HANDLER_FILES, handlerFilesOf } from './handler-files';

/** The workspace root, from apps/client-web/src/flow. */
const ROOT = join(__dirname, '..', '..', '..', '..');

describe('HOP_HANDLER_FILES', () => {
  const hops = Object.keys(HOP_HANDLER_FILES) as FlowHopKind[];
  const paths = hops.flatMap((hop) =>
    handlerFilesOf(hop).flatMap(([, files]) => files.map((file) => [hop, file] as const)),
  );

  it.each(paths)('%s: %s exists in the repository', (_hop, file) => {
    expect(existsSync(join(ROOT, file))).toBe(true);
  });
});
