import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type session from 'express-session';
import { SESSION_STORE } from '../src/session/session.middleware';
import { callbackQuery } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/** How long the slowed store takes to write a session. */
const WRITE_MS = 150;

/**
 * A redirect that follows a change to the session must leave only once the session is in the
 * store: a browser follows a 3xx as soon as it has the headers, and express-session sends them
 * before its own save at the end has finished (session/session-lifecycle.ts, saveSession). Found
 * with the store on PostgreSQL: now and then the page after the callback showed no connection.
 * The store here is slowed down so that the order is visible every time.
 */
describe('the session is stored before the redirect leaves', () => {
  const world = ClientWebWithFakes.setUp();
  /** When each write to the store finished (epoch ms). */
  let writesDone: number[];
  let origin: string;

  beforeAll(async () => {
    const server = world.app.getHttpServer();
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    writesDone = [];
    const store = world.app.get<session.Store>(SESSION_STORE);
    const set = store.set.bind(store);
    jest.spyOn(store, 'set').mockImplementation((sid, data, callback) => {
      setTimeout(() => {
        set(sid, data, (error?: unknown) => {
          writesDone.push(Date.now());
          callback?.(error);
        });
      }, WRITE_MS);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  /** A GET, resolved when the status line and headers arrive, as a browser would act on them. */
  function headersOf(
    path: string,
    cookie?: string,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; at: number }> {
    return new Promise((resolve, reject) => {
      const request = get(`${origin}${path}`, { headers: cookie ? { cookie } : {} }, (res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, at: Date.now() });
        res.resume();
      });
      request.on('error', reject);
    });
  }

  // passport writes its 302 with an empty body, which express-session sends whole once saved; the
  // test keeps it that way.
  it('step 1: the 302 to /authorize leaves after the pending request (state, PKCE verifier) is stored', async () => {
    const connect = await headersOf('/connect');
    expect(connect.status).toBe(302);
    expect(writesDone).toHaveLength(1);
    expect(connect.at).toBeGreaterThanOrEqual(writesDone[0]);
  });

  it('step 4 done: the 303 from the callback leaves after the connection (the tokens) is stored', async () => {
    const connect = await headersOf('/connect');
    const cookie = (connect.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const query = new URLSearchParams(callbackQuery(new URL(String(connect.headers.location))));

    const callback = await headersOf(`/callback?${query.toString()}`, cookie);
    expect(callback).toMatchObject({ status: 303, headers: { location: '/' } });
    // The write of /connect, then the new session's (the id is regenerated at login).
    expect(writesDone).toHaveLength(2);
    expect(callback.at).toBeGreaterThanOrEqual(writesDone[1]);
  });
});
