import { Browser } from './browser';
import type { FlowOptions } from './args';
import type { FlowContext } from './flow-context';
import { type Printer, type StepNumber } from './print';
import { askForAuthorization } from './steps/step-1-authorization-request';
import { logInAndConsent } from './steps/step-2-login-and-consent';
import { presentCode, showTokens } from './steps/steps-3-4-token-exchange';
import { callTheApi, readNotes } from './steps/steps-5-6-notes';

/** Thrown when a step fails; main prints "✗ Step N failed: …" and exits non-zero. */
export class StepFailedError extends Error {
  constructor(
    readonly step: StepNumber,
    reason: string,
  ) {
    super(`Step ${step} failed: ${reason}`);
  }
}

/**
 * The six steps in order, each printed under its heading. `pause` is awaited before every step
 * after the first (Enter, with --pause).
 */
export async function runFlow(
  options: FlowOptions,
  printer: Printer,
  pause: (next: StepNumber) => Promise<void>,
): Promise<void> {
  const ctx: FlowContext = {
    options,
    printer,
    browser: new Browser(printer),
    clientWeb: new URL(options.clientWebUrl),
  };
  const step = async <T>(number: StepNumber, work: () => Promise<T> | T): Promise<T> => {
    if (number > 1) {
      await pause(number);
    }
    printer.heading(number);
    try {
      return await work();
    } catch (error) {
      throw new StepFailedError(number, error instanceof Error ? error.message : String(error));
    }
  };

  const request = await step(1, () => askForAuthorization(ctx));
  const callback = await step(2, () => logInAndConsent(ctx, request));
  await step(3, () => presentCode(ctx, callback));
  const home = await step(4, () => showTokens(ctx));
  await step(5, () => callTheApi(ctx, home));
  await step(6, () => readNotes(ctx, home));
}
