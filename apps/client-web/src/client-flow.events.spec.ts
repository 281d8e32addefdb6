import type { Request } from 'express';
import { type ClientFlowEvent, ClientFlowEvents } from './client-flow.events';

const event: ClientFlowEvent = {
  type: 'resource-api-called',
  request: {} as Request,
  method: 'GET',
  url: 'http://localhost:3003/notes',
  accessToken: 'token',
  requiredScope: 'notes:read',
  answer: { kind: 'answered', status: 200, challenge: '' },
};

describe(ClientFlowEvents.name, () => {
  let sut: ClientFlowEvents;

  beforeEach(() => {
    sut = new ClientFlowEvents();
  });

  it('settles at once when nobody listens (DEMO_MODE off)', async () => {
    await expect(sut.emit(event)).resolves.toBeUndefined();
  });

  it('calls the listeners in order, synchronously, and waits for the asynchronous ones', async () => {
    const calls: string[] = [];
    let finishReport: () => void = () => undefined;
    sut.on(() => {
      calls.push('recorded');
    });
    sut.on(async () => {
      calls.push('report asked');
      await new Promise<void>((resolve) => (finishReport = resolve));
      calls.push('report recorded');
    });

    const emitted = sut.emit(event);
    expect(calls).toEqual(['recorded', 'report asked']);
    let settled = false;
    void emitted.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finishReport();
    await emitted;
    expect(calls).toEqual(['recorded', 'report asked', 'report recorded']);
  });

  it('never lets a failing listener reach the protocol, and still calls the others', async () => {
    const reached: string[] = [];
    sut.on(() => {
      throw new Error('the flow view broke');
    });
    sut.on(() => Promise.reject(new Error('the report broke')));
    sut.on(() => {
      reached.push('last listener');
    });

    await expect(sut.emit(event)).resolves.toBeUndefined();
    expect(reached).toEqual(['last listener']);
  });
});
