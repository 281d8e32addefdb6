import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningServices, startServices } from '@oauth-flow-lab/testing';

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it, so CI always runs this. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// `npm run screenshots` points this at docs/screenshots, the README's pictures.
const SCREENSHOTS = resolve(
  __dirname,
  '../../..',
  process.env.SCREENSHOTS_DIR ?? 'test-output/screenshots',
);

// Required under CI=true; on a developer machine without Chromium the suite is not collected.
const describeInChromium =
  existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip;

/**
 * A person in a real browser: the same flow as flow.e2e-spec.ts, clicked through in Chromium, with a
 * screenshot of each page under test-output/screenshots/ (git-ignored).
 */
describeInChromium('a person in a real browser (Chromium)', () => {
  let services: RunningServices;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    services = await startServices();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await services?.stop();
  });

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(services.urls.clientWeb);
    await screenshot(page, '1-client-web-home');
    await page.click('a[href="/connect"]');
    await page.waitForURL(`${services.urls.loginUi}/login?**`);
    await screenshot(page, '2-login-ui-login');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForURL(`${services.urls.loginUi}/consent?**`);
  }

  it('alice connects Notes Reader: Connect, log in, Allow, and her notes and tokens are shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await logIn(page, 'alice', 'wonderland');
    await screenshot(page, '3-login-ui-consent');
    expect(await page.textContent('main')).toContain('Notes Reader wants to:');
    await page.click('button[value=allow]');
    await page.waitForURL(`${services.urls.clientWeb}/`);
    await screenshot(page, '4-client-web-connected');
    const notes = await page.locator('[data-testid="note"]').allTextContents();
    expect(notes).toHaveLength(2);
    expect(notes.join(' ')).toMatch(/Alice/);
    expect(await page.textContent('[data-testid="signed-in-as"]')).toContain('Alice Liddell');
    const claims = JSON.parse(
      (await page.textContent('[data-testid="access-token-claims"]')) ?? '{}',
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: services.urls.authServer,
      aud: services.urls.resourceApi,
      client_id: 'client-web',
    });

    // The flow view: the same six steps, from client-web's side, with resource-api's report.
    await page.click('a[href="/flow"]');
    await page.waitForURL(`${services.urls.clientWeb}/flow`);
    // The top of the page (steps 1-2) and step 6 with the validation report: the whole page is tall.
    await page.screenshot({ path: join(SCREENSHOTS, '5-client-web-flow.png') });
    await page
      .locator('#step-6')
      .screenshot({ path: join(SCREENSHOTS, '5-client-web-flow-step-6.png') });
    for (const step of [1, 2, 3, 4, 5, 6]) {
      expect(await page.textContent(`#step-${step} h2`)).toMatch(new RegExp(`^Step ${step}: `));
    }
    expect(await page.textContent('#step-1')).toMatch(/code_challenge/);
    expect(await page.textContent('#step-3')).toMatch(/grant_type=authorization_code/);
    expect(await page.textContent('[data-testid="token-checks-verdict"]')).toMatch(/valid/i);
    const checks = await page.locator('[data-testid="token-checks"] tr').allTextContents();
    for (const check of ['kid', 'alg', 'signature', 'iss', 'aud', 'exp', 'typ', 'scope']) {
      expect(checks.some((row) => row.includes(check) && /pass/.test(row))).toBe(true);
    }
    await page.close();
  });

  it('bob denies: he is back on Notes Reader with "You declined"', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await logIn(page, 'bob', 'builder');
    await page.click('button[value=deny]');
    await page.waitForURL(`${services.urls.clientWeb}/callback?**`);
    await screenshot(page, '6-client-web-declined');
    expect(await page.textContent('main')).toContain('You declined');

    // The failing path in the flow view: step 2 ended with access_denied, nothing after it.
    await page.click('a[href="/flow"]');
    await page.waitForURL(`${services.urls.clientWeb}/flow`);
    await screenshot(page, '7-client-web-flow-declined');
    expect(await page.textContent('#step-2')).toContain('access_denied');
    expect(await page.textContent('#step-3')).toContain('Nothing recorded for this step');
    await page.close();
  });
});
