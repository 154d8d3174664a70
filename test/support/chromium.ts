/**
 * Debian's chromium for the browser tests, driven by playwright-core. Without /usr/bin/chromium
 * they are skipped (apt-get install -y chromium), unless NUMTRUST_REQUIRE_BROWSER=1 (CI), where a
 * missing browser fails them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

/** Whether a browser test file runs; says why once when it does not. */
export function browserTestsRun(): boolean {
  const run = existsSync(CHROMIUM) || process.env.NUMTRUST_REQUIRE_BROWSER === '1';
  if (!run) console.warn(`browser test skipped: no ${CHROMIUM} (apt-get install -y chromium; NUMTRUST_REQUIRE_BROWSER=1 makes it required)`);
  return run;
}

export interface Chromium {
  browser: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile: nothing cached or remembered from another run. */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<Chromium> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  const profile = mkdtempSync(join(tmpdir(), 'numtrust-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    ...options,
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
