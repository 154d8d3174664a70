/**
 * The agent's screen in a real browser: Debian's chromium driven by playwright-core. The page
 * renders the verdict, logs no console error (a CSP violation would be one), holds no number
 * beyond its last two digits in its DOM or text, can be worked with the keyboard alone, reflows at
 * 200 % zoom, and an expired link shows the clear page. A screenshot is kept in test-results/ (git-ignored).
 *
 * Without /usr/bin/chromium the test is skipped (apt-get install -y chromium), unless
 * NUMTRUST_REQUIRE_BROWSER=1 (CI), where a missing browser fails it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentLinks } from '../../src/routes/agent-screen/link.ts';
import { browserTestsRun, launchChromium, type Chromium } from '../support/chromium.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { numberFragments, withoutLink } from '../support/number-fragments.ts';

const SWAPPED = '+447700900001';
const SECRET = 'browser-test-secret-0123456789abcdefgh';
const ARTIFACTS = 'test-results';

describe.skipIf(!browserTestsRun())("the agent's screen in chromium", () => {
  let t: TestGateway;
  let chromium: Chromium;
  let browser: BrowserContext;

  beforeAll(async () => {
    chromium = await launchChromium({ viewport: { width: 800, height: 900 } });
    browser = chromium.browser;
    t = await startTestGateway({ configure: (config) => ({ ...config, numberKeySecret: SECRET }) });
  }, 30_000);

  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

  it('renders the verdict with no console error, no number in the DOM, and keyboard focus reaching the buttons; an expired link shows the clear page', async () => {
    const answer = (await t.post('/v1/assessments', { phoneNumber: SWAPPED, context: { channel: 'agent', action: 'change_address' } })).body;
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    const response = await page.goto(answer.agentScreenUrl);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Refuse this request');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('main').count()).toBe(1);

    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('••••••••01');
    for (const fragment of numberFragments(SWAPPED)) {
      expect(withoutLink(dom, answer.agentScreenUrl)).not.toContain(fragment);
      expect(text).not.toContain(fragment);
    }

    const focused: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`));
    }
    expect(focused).toEqual(['BUTTON Genuine customer', 'BUTTON Suspected fraud', 'BUTTON Confirmed fraud', 'BUTTON Not sure']);

    // 200 % zoom of a 800 px window: 400 CSS px wide, and nothing to scroll sideways.
    await page.setViewportSize({ width: 400, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 800, height: 900 });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'agent-screen.png'), fullPage: true });

    // The keyboard records the outcome: the page comes back showing it.
    await page.keyboard.press('Shift+Tab');
    // The page's URL does not change (POST, then 303 back to it): wait for the new page's text, not the URL.
    await page.keyboard.press('Enter');
    await page.locator('main', { hasText: /Confirmed fraud, recorded/ }).waitFor({ timeout: 10_000 });
    expect(page.url()).toBe(answer.agentScreenUrl);

    expect(problems).toEqual([]);

    const expired = await agentLinks(SECRET).pathFor('default', answer.assessmentId, Date.now() - 1_000);
    const gone = await page.goto(t.url + expired);
    expect(gone?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This link has expired');
    // Chromium reports any 4xx document so; nothing else may appear.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 410 (Gone)']);
    await page.close();
  }, 30_000);
});
