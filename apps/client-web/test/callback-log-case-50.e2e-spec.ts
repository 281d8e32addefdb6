import { flowIdFromState } from '@oauth-flow-lab/flow-log';
import { startAuthorization } from './fixtures/browser';
import { TEST_ISSUER } from './fixtures/client-web-app';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/** Any character a log line must not carry as itself (libs/flow-log log-safe.ts). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The start of a line pino-pretty writes: `[10:42:07] WARN: `. */
const PRETTY_LINE = /^\[\d\d:\d\d:\d\d\] (DEBUG|INFO|WARN|ERROR): /;

/**
 * docs/security-cases.md, case 50: anyone can send a browser to /callback?error=<anything>. What
 * the URL says goes into client-web's step 2 line (and, at debug, its request line), so a newline
 * in it would let the sender write a line of their own into the log a reader trusts. Read here in
 * the pretty format, as a terminal or `docker compose logs` shows it. A jest file of its own: the
 * first app of a file fixes pino's configuration.
 */
describe('client-web /callback: log lines cannot be forged', () => {
  const world = ClientWebWithFakes.setUp({ logs: 'pretty' });

  it('case 50: a newline and 10 000 characters in error= make one line, escaped and cut', async () => {
    const browser = world.browser();
    const authorizationRequest = await startAuthorization(browser);
    const state = authorizationRequest.searchParams.get('state') ?? '';
    const forged =
      '[10:42:07] INFO: step 4 · auth-server → client-web · back channel · token response → access token jti=forged-jti';
    const error = `server_error\n${forged}\r\n\u001b[2J${'x'.repeat(10_000)}`;
    const before = world.logLines.length;

    await browser.get('/callback').query({ error, state, iss: TEST_ISSUER }).expect(400);

    const written = world.logLines.slice(before);
    // 200 characters of the value (control characters counted as one each), then the count of
    // the rest; each control character as its escape.
    const kept = 12 + 1 + forged.length + 2 + 1 + 3;
    const shown =
      `server_error\\n${forged}\\r\\n\\u001b[2J${'x'.repeat(200 - kept)}` +
      `…(+${error.length - 200} chars)`;
    const stepLines = written.filter((line) => line.includes('step 2 ·'));
    expect(stepLines.map((line) => line.replace(/^\[\d\d:\d\d:\d\d\] /, ''))).toEqual([
      `WARN: step 2 · auth-server → client-web · front channel · GET /callback error=${shown} → ` +
        `${shown} · flow ${flowIdFromState(state)}`,
    ]);
    // The forged text is in two lines, ours: the step line and the request line (debug), each one
    // line, each starting as pino-pretty starts a line.
    const carrying = written.filter((line) => line.includes('forged-jti'));
    expect(carrying).toHaveLength(2);
    expect(carrying.every((line) => PRETTY_LINE.test(line))).toBe(true);
    const requestLine = carrying.find((line) => line.includes('GET /callback?'));
    expect(requestLine).toContain('error=server_error%0A%5B10%3A42%3A07%5D%20INFO');
    expect(requestLine).toContain(`…(+${error.length - 200} chars)&state=`);
    expect(requestLine).toMatch(/ → 400 · flow [0-9a-f]{32}$/);
    // No line carries a control character as itself, nor anything near the 10 000 characters.
    expect(written.filter((line) => RAW_CONTROL.test(line))).toEqual([]);
    expect(Math.max(...written.map((line) => line.length))).toBeLessThan(1_500);
  });
});
