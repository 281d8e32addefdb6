// `npm run flow`: plays the six steps of the OAuth 2.0 authorization-code flow (RFC 6749 §4.1)
// against the running services, as a browser would, and prints each hop. See README.md.
import { parseFlowArgs, USAGE } from './args';
import { NO_PAUSE, pauseOnStdin } from './pause';
import { Printer, useColour } from './print';
import { runFlow, StepFailedError } from './run-flow';

async function main(): Promise<number> {
  const parsed = parseFlowArgs(process.argv.slice(2));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'error':
      process.stderr.write(`${parsed.message}\n\n${USAGE}\n`);
      return 2;
    case 'run':
      break;
  }
  const { options } = parsed;
  const printer = new Printer(
    (text) => process.stdout.write(text),
    useColour(process.stdout, process.env),
  );
  process.stdout.write(
    `Playing the authorization-code flow as ${options.username}, starting at client-web ${options.clientWebUrl}\n`,
  );
  const pause = options.pause ? pauseOnStdin() : NO_PAUSE;
  try {
    await runFlow(options, printer, (next) => pause.before(next));
  } catch (error) {
    printer.failed(error instanceof StepFailedError ? error.message : String(error));
    return 1;
  } finally {
    pause.close();
  }
  printer.passed('All six steps passed.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
