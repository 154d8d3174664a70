/**
 * Writes .dev.vars for `npm run dev:worker`: NUMTRUST_CONFIG = the embedded config pointed at the
 * mock carriers of `npm run mocks` (http://127.0.0.1:8081, or MOCKS_URL), with its secrets as
 * `$env` references to NUMTRUST_API_KEY (NUMTRUST_API_KEY from the environment, else a new key,
 * printed once) and NUMTRUST_NUMBER_KEY_SECRET, the shared state in the Durable Objects of
 * wrangler.toml (wrangler dev runs them locally). .dev.vars is git-ignored: it holds secrets.
 *
 *   npm run mocks &  npm run dev:worker:vars  &&  npm run dev:worker
 */
import { writeFileSync } from 'node:fs';
import { generateApiKey } from '../src/auth/api-keys.ts';
import { embeddedConfig, generateTwilioAuthToken } from '../src/runtime/embedded.ts';
import { withDurableObjects, workerConfigText } from '../test-worker/support/world-info.ts';

export interface WorkerVars {
  NUMTRUST_CONFIG: string;
  NUMTRUST_API_KEY: string;
  NUMTRUST_NUMBER_KEY_SECRET: string;
  NUMTRUST_TWILIO_AUTH_TOKEN: string;
}

export function workerVarsFor(mocksUrl: string, apiKey: string, cacheTtlSeconds?: number, twilioAuthToken = generateTwilioAuthToken()): WorkerVars {
  return {
    NUMTRUST_CONFIG: withDurableObjects(workerConfigText(embeddedConfig(mocksUrl, apiKey, cacheTtlSeconds, { twilioAuthToken }))),
    NUMTRUST_API_KEY: apiKey,
    NUMTRUST_NUMBER_KEY_SECRET: generateApiKey('nk_dev_'),
    NUMTRUST_TWILIO_AUTH_TOKEN: twilioAuthToken,
  };
}

/**
 * dotenv text as wrangler reads it, single-quoted values. wrangler 4.155 reads the project's
 * .dev.vars literally but expands `$NAME` in a file given with --env-file, even inside single
 * quotes (`{"$env": …}` would lose its key): for those, `$` is escaped.
 */
export function devVarsText(vars: WorkerVars | Record<string, string>, options: { forEnvFileFlag?: boolean } = {}): string {
  return Object.entries(vars)
    .map(([name, value]) => {
      if (value.includes("'") || value.includes('\n')) throw new Error(`${name} cannot be written single-quoted`);
      return `${name}='${options.forEnvFileFlag ? value.replaceAll('$', '\\$') : value}'\n`;
    })
    .join('');
}

if (import.meta.main) {
  const mocksUrl = process.env.MOCKS_URL ?? 'http://127.0.0.1:8081';
  const apiKey = process.env.NUMTRUST_API_KEY || generateApiKey();
  writeFileSync('.dev.vars', devVarsText(workerVarsFor(mocksUrl, apiKey, undefined, process.env.NUMTRUST_TWILIO_AUTH_TOKEN || undefined)), { mode: 0o600 });
  console.log(`wrote .dev.vars for the mocks at ${mocksUrl}`);
  if (!process.env.NUMTRUST_API_KEY) console.log(`API key (not shown again): ${apiKey}`);
}
