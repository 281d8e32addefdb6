import { createInterface } from 'node:readline';
import type { StepNumber } from './print';

export interface Pause {
  /** Waits for Enter before `next` (or goes on at once when stdin has ended). */
  before(next: StepNumber): Promise<void>;
  close(): void;
}

/** --pause: one line of stdin between the steps. Lines typed ahead (or piped in) are kept. */
export function pauseOnStdin(): Pause {
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const lines = prompt[Symbol.asyncIterator]();
  return {
    before: async (next) => {
      process.stdout.write(`\nPress Enter for step ${next}…`);
      await lines.next();
    },
    close: () => prompt.close(),
  };
}

/** Without --pause the steps run straight through. */
export const NO_PAUSE: Pause = { before: () => Promise.resolve(), close: () => undefined };
