/**
 * The workerd suite (test-worker/): tests run inside workerd through @cloudflare/vitest-plugin,
 * against the mock carriers and a Node gateway that global-setup.ts starts on the Node side.
 * Run: npx vitest run -c vitest.workers.config.ts (npm test runs it after the Node suite).
 */
import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { withDurableObjects, type WorkerWorld } from './test-worker/support/world-info.ts';

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => {
      const world = inject<WorkerWorld>('numtrust');
      return {
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // SELF.fetch serves the Worker with these bindings, as `wrangler deploy` plus secrets would
          // (its shared state in the Durable Objects wrangler.toml binds).
          bindings: { NUMTRUST_CONFIG: withDurableObjects(world.configText), ...world.secrets },
          // Test-only: a KV namespace for the `kv` second tier (production binds its own in wrangler.toml).
          kvNamespaces: ['NUMTRUST_ANSWERS'],
        },
      };
    }),
  ],
  test: {
    include: ['test-worker/**/*.test.ts'],
    globalSetup: ['test-worker/global-setup.ts'],
    // Every file shares one mock world (faults, stats, subscribers): one file at a time.
    fileParallelism: false,
    // The Worker logs every request to the console: show it only for failing tests.
    silent: 'passed-only',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
