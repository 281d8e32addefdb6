import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';
import { page } from './fixtures/browser';

/**
 * client-web with DEMO_MODE off (its default outside `npm start` and docker-compose.yml): the
 * protocol raises its events (client-flow.events.ts) and nobody listens. Step 5 is the API call and
 * nothing else: no request to resource-api's demo route /debug/token-checks follows it, no step
 * line is logged, no flow is recorded, and the demo's pages do not exist. A production client pays
 * for no teaching work (issue 16).
 */
describe('client-web with DEMO_MODE off', () => {
  const world = ClientWebWithFakes.setUp({ demoMode: false, logs: true });

  it('calls resource-api once per page, and never asks for its validation report', async () => {
    const browser = world.browser();
    const accessToken = await world.connect(browser);
    world.resourceApi.giveNotes(accessToken, [{ id: 'n1', title: 'Tea', body: 'At six' }]);

    const home = await browser.get('/').expect(200);

    expect(page(home.text).text('main')).toContain('Tea');
    expect(world.resourceApi.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /notes',
    ]);
    expect(world.resourceApi.tokenChecksRequests).toEqual([]);
  });

  it('logs no step line and serves no flow view after a whole login and an API call', async () => {
    const browser = world.browser();
    const accessToken = await world.connect(browser);
    world.resourceApi.giveNotes(accessToken, []);
    await browser.get('/').expect(200);

    const records = world.logLines.map((line) => JSON.parse(line) as { step?: number });
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((record) => record.step !== undefined)).toEqual([]);
    const flow = await browser.get('/flow').expect(404);
    expect(page(flow.text).text('[data-testid=demo-mode-off]').replace(/\s+/g, ' ')).toContain(
      'client-web records no flow while DEMO_MODE is off',
    );
    await browser.get('/jwt-or-introspection').expect(404);
  });
});
