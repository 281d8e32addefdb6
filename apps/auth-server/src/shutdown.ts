/** What shutDownInOrderOn needs of the process (the real one, or a test's). */
export type SignalledProcess = Pick<NodeJS.Process, 'once' | 'removeAllListeners' | 'kill' | 'pid'>;

/**
 * Graceful shutdown (docs/security-cases.md, case 41), one for both of auth-server's listeners.
 * Nest's app.close() stops accepting, lets the requests in flight finish (a token request's
 * consume-and-issue transaction commits and is answered, or never started), and only then runs the
 * shutdown hooks that close the database. `enableShutdownHooks()` on each app would race: the app
 * that finished first would raise the signal again and end the process while the other was still
 * draining. So, on the first of `signals`: close the apps in order (the admin API, then the public
 * listener, which owns the database), then raise the signal again, with no listener left, to exit
 * as it asks.
 */
export function shutDownInOrderOn(
  signals: NodeJS.Signals[],
  apps: { close(): Promise<void> }[],
  proc: SignalledProcess = process,
): void {
  const shutDown = async (signal: NodeJS.Signals): Promise<void> => {
    signals.forEach((other) => proc.removeAllListeners(other));
    for (const app of apps) {
      await app.close();
    }
    proc.kill(proc.pid, signal);
  };
  for (const signal of signals) {
    proc.once(signal, () => {
      shutDown(signal).catch((error: unknown) => {
        console.error(error);
        proc.kill(proc.pid, 'SIGKILL');
      });
    });
  }
}
