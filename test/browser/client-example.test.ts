/**
 * The browser example of numtrust/client (docs/examples/client/browser/) in Debian's chromium:
 * the page bundled by esbuild and served from 127.0.0.1 calls `npm start`'s gateway cross-origin,
 * the page's origin allowed by NUMTRUST_CORS_ORIGINS, and renders the verdict; served from an
 * origin the gateway does not allow, the same page gets no verdict (NETWORK_ERROR) and says so.
 * Skipped without chromium (test/support/chromium.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBrowserExample, type BrowserExampleServer } from '../../docs/examples/client/browser/serve.ts';
import { browserTestsRun, launchChromium, type Chromium } from '../support/chromium.ts';
import { killStartedGateways, startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';

const API_KEY = 'nt_test_browser_client_0123456789';

describe.skipIf(!browserTestsRun())('the browser example of numtrust/client in chromium', () => {
  let site: BrowserExampleServer;
  let gateway: GatewayProcess;
  let chromium: Chromium;

  beforeAll(async () => {
    chromium = await launchChromium();
    site = await serveBrowserExample(0);
    gateway = await startGatewayProcess({ NUMTRUST_API_KEY: API_KEY, NUMTRUST_CORS_ORIGINS: site.url });
  }, 30_000);

  afterAll(async () => {
    await chromium?.close();
    if (gateway) {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    killStartedGateways();
    await site?.close();
  });

  async function assessFrom(origin: string): Promise<{ page: Page; problems: string[] }> {
    const page = await chromium.browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(origin);
    await page.fill('input[name=baseUrl]', gateway.gateway);
    await page.fill('input[name=apiKey]', API_KEY);
    await page.click('button[type=submit]');
    await page.locator('#verdict', { hasNotText: 'Assessing' }).filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
    return { page, problems };
  }

  it('renders the verdict from the gateway, the page origin allowed by NUMTRUST_CORS_ORIGINS', async () => {
    const { page, problems } = await assessFrom(site.url);
    expect(await page.locator('#verdict').textContent()).toMatch(/^deny \(confidence \d/);
    expect(await page.locator('#reasons li').allTextContents()).toContainEqual(expect.stringMatching(/^SIM_SWAP_HOURS: /));
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('from an origin the gateway does not allow, the page gets no verdict and says why', async () => {
    const { page, problems } = await assessFrom(site.url.replace('127.0.0.1', 'localhost'));
    expect(await page.locator('#verdict').textContent()).toBe('No verdict: NETWORK_ERROR');
    expect(await page.locator('#reasons').textContent()).toContain('NUMTRUST_CORS_ORIGINS');
    expect(problems.some((problem) => problem.includes('CORS policy'))).toBe(true);
    await page.close();
  }, 30_000);
});
