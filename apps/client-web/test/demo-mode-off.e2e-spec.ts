import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';
import { page } from './fixtures/browser';

/**
 * client-web with DEMO_MODE off (its default outside `npm start` and docker-compose.yml): step 5
 * is the API call and nothing else. No request to resource-api's demo route /debug/token-checks
 * follows it, so a production client pays for no teaching work (issue 16).
 */
describe('client-web with DEMO_MODE off', () => {
  const world = ClientWebWithFakes.setUp({ demoMode: false });

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
    const flow = page((await browser.get('/flow').expect(200)).text);
    expect(flow.has('#step-6 [data-testid=token-checks]')).toBe(false);
    expect(flow.has('#step-6 [data-testid=no-token-checks]')).toBe(false);
  });
});
