import { EventEmitter } from 'node:events';
import { shutDownInOrderOn, type SignalledProcess } from './shutdown';

describe(shutDownInOrderOn.name, () => {
  /** A process whose signals are events, recording what is done to it. */
  function fakeProcess(events: string[]): SignalledProcess & EventEmitter {
    const emitter = new EventEmitter();
    return Object.assign(emitter, {
      pid: 4242,
      kill: (pid: number, signal?: string | number) => {
        events.push(`kill ${pid} ${String(signal)}`);
        return true;
      },
    }) as unknown as SignalledProcess & EventEmitter;
  }

  /**
   * Waits until the process was told to exit (the last thing a shutdown does), however busy the
   * machine: a fixed wait failed under load in CI.
   */
  async function untilKilled(events: string[]): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!events.some((event) => event.startsWith('kill')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** An app whose close takes `ms` and is recorded when it starts and ends. */
  function app(name: string, ms: number, events: string[]) {
    return {
      close: async () => {
        events.push(`${name} closing`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} closed`);
      },
    };
  }

  it('closes the apps one after the other, then raises the same signal with no listener left', async () => {
    const events: string[] = [];
    const proc = fakeProcess(events);
    // The admin app is slow here: the public one must still wait for it.
    shutDownInOrderOn(
      ['SIGTERM', 'SIGINT'],
      [app('admin', 30, events), app('public', 5, events)],
      proc,
    );

    proc.emit('SIGTERM', 'SIGTERM');
    await untilKilled(events);

    expect(events).toEqual([
      'admin closing',
      'admin closed',
      'public closing',
      'public closed',
      'kill 4242 SIGTERM',
    ]);
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });

  it('a second signal during the shutdown starts no second one', async () => {
    const events: string[] = [];
    const proc = fakeProcess(events);
    shutDownInOrderOn(
      ['SIGTERM', 'SIGINT'],
      [app('admin', 10, events), app('public', 10, events)],
      proc,
    );

    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGINT', 'SIGINT');
    await untilKilled(events);
    // A second shutdown would have started with the first: give it the time the first one took.
    await new Promise((resolve) => setTimeout(resolve, 40));

    expect(events.filter((event) => event.endsWith('closing'))).toEqual([
      'admin closing',
      'public closing',
    ]);
    expect(events.filter((event) => event.startsWith('kill'))).toEqual(['kill 4242 SIGTERM']);
  });
});
