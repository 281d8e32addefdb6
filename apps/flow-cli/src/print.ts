import { FLOW_STEP_TITLES, type FlowStepNumber } from '@oauth-flow-lab/flow-log';

/** A step of the six; headed with the README's words (FLOW_STEP_TITLES), the same as the logs'. */
export type StepNumber = FlowStepNumber;

type Style = 'bold' | 'dim' | 'green' | 'red' | 'cyan';
const ANSI: Record<Style, [string, string]> = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  green: ['\u001b[32m', '\u001b[39m'],
  red: ['\u001b[31m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
};

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '';
}

/** Everything the CLI prints goes through here; values are redacted by the callers (secrets.ts). */
export class Printer {
  constructor(
    private readonly write: (text: string) => void,
    private readonly colour: boolean,
  ) {}

  heading(step: StepNumber): void {
    this.write(`\n${this.style('bold', `Step ${step}: ${FLOW_STEP_TITLES[step]}`)}\n`);
  }

  /** A request the browser (or a server, on the back channel) sends. */
  request(method: string, url: string, body?: string): void {
    this.write(`  ${this.style('cyan', '→')} ${method} ${url}\n`);
    if (body !== undefined) {
      this.write(`      ${this.style('dim', body)}\n`);
    }
  }

  /** The answer to it. */
  response(status: number, location?: string): void {
    const where = location === undefined ? '' : ` Location: ${location}`;
    this.write(`  ${this.style('cyan', '←')} ${status}${where}\n`);
  }

  /** Name/value pairs, aligned. */
  fields(entries: ReadonlyArray<readonly [string, string]>): void {
    const width = Math.max(...entries.map(([name]) => name.length));
    for (const [name, value] of entries) {
      this.write(`      ${name.padEnd(width)}  ${value}\n`);
    }
  }

  json(title: string, value: unknown): void {
    this.write(`    ${title}:\n`);
    for (const line of JSON.stringify(value, null, 2).split('\n')) {
      this.write(`      ${line}\n`);
    }
  }

  /** Teaching text: what happens and why. */
  explain(text: string): void {
    this.write(`    ${this.style('dim', text)}\n`);
  }

  passed(text: string): void {
    this.write(`  ${this.style('green', '✓')} ${text}\n`);
  }

  failed(text: string): void {
    this.write(`\n${this.style('red', `✗ ${text}`)}\n`);
  }

  private style(style: Style, text: string): string {
    if (!this.colour) {
      return text;
    }
    const [open, close] = ANSI[style];
    return `${open}${text}${close}`;
  }
}
