import request from 'supertest';
import { DisconnectController } from '../src/disconnect/disconnect.controller';
import { page } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/** POST /disconnect: CSRF-protected, and it really forgets the tokens (the session is destroyed). */
describe(DisconnectController.name, () => {
  const world = ClientWebWithFakes.setUp();

  it('refuses Disconnect without the CSRF token, and forgets the session with it', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const home = await browser.get('/').expect(200);
    const csrfToken = page(home.text).csrfToken('/disconnect');
    const sessionCookie = home.request.cookies
      .split('; ')
      .find((c) => c.startsWith('client_web.sid='));
    expect(sessionCookie).toBeDefined();
    const homeWithOldCookie = () =>
      request(world.app.getHttpServer())
        .get('/')
        .set('Cookie', sessionCookie ?? '')
        .expect(200);
    expect(page((await homeWithOldCookie()).text).text('h1')).toBe('Your notes');

    const missing = await browser.post('/disconnect').type('form').send({}).expect(403);
    expect(page(missing.text).text('[data-testid=error]')).toBe('invalid_csrf_token');
    await browser.post('/disconnect').type('form').send({ _csrf: 'forged' }).expect(403);
    expect(page((await browser.get('/').expect(200)).text).text('h1')).toBe('Your notes');

    await browser
      .post('/disconnect')
      .type('form')
      .send({ _csrf: csrfToken })
      .expect(303)
      .expect('Location', '/');

    expect((await browser.get('/').expect(200)).text).toContain('<a href="/connect">Connect</a>');
    // The old cookie, replayed, finds nothing on the server: the session itself is gone.
    expect((await homeWithOldCookie()).text).toContain('<a href="/connect">Connect</a>');
  });

  it("refuses another session's CSRF token, even with its cookie planted (cookie tossing)", async () => {
    const attacker = world.browser();
    world.resourceApi.giveNotes(await world.connect(attacker), []);
    const attackerHome = await attacker.get('/').expect(200);
    const attackerToken = page(attackerHome.text).csrfToken('/disconnect');
    const victim = world.browser();
    world.resourceApi.giveNotes(await world.connect(victim), []);
    const victimSession = (await victim.get('/').expect(200)).request.cookies
      .split('; ')
      .find((c) => c.startsWith('client_web.sid='));

    // A same-site page (localhost:3001 is same-site with :3002) can set cookies for localhost.
    await request(world.app.getHttpServer())
      .post('/disconnect')
      .set('Cookie', `${victimSession}; client_web.csrf=${attackerToken}`)
      .type('form')
      .send({ _csrf: attackerToken })
      .expect(403);

    expect(page((await victim.get('/').expect(200)).text).text('h1')).toBe('Your notes');
  });
});
