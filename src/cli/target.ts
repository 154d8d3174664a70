/**
 * Where the commands go: a running gateway and mock carriers (--gateway/--key/--mocks or the
 * NUMTRUST_* environment), or --embedded, both started in this process for the run.
 */
import type { Services, TargetInfo } from './command.ts';
import { UsageError } from './errors.ts';
import { JsonService } from './http.ts';

export interface TargetOptions {
  gateway?: string;
  key?: string;
  mocks?: string;
  embedded?: boolean;
}

export interface Target extends Services {
  close(): Promise<void>;
}

/** Where `npm start` serves by default. */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8080';
export const DEFAULT_MOCKS_URL = 'http://127.0.0.1:8081';

/** Enough of a key to tell which one it is, never all of it: a short key shows only its length. */
export function maskKey(key: string | undefined): string {
  if (!key) return 'not set';
  return key.length >= 24 ? `${key.slice(0, 7)}…${key.slice(-4)} (${key.length} characters)` : `… (${key.length} characters)`;
}

function httpUrl(text: string, option: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${option}: "${text}" is not a URL (http://127.0.0.1:8080)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${option}: "${text}" is not an http(s) URL`);
  return text;
}

export function targetServices(info: TargetInfo, close: () => Promise<void> = async () => {}): Target {
  const gateway = info.apiKey ? new JsonService('gateway', info.gatewayUrl, { authorization: `Bearer ${info.apiKey}` }) : undefined;
  const mocks = new JsonService('mock carriers', info.mocksUrl);
  return {
    info,
    gateway() {
      if (!gateway) {
        throw new UsageError('no API key: give --key or set NUMTRUST_API_KEY (`npm start` prints the development key), or use --embedded');
      }
      return gateway;
    },
    mocks: () => mocks,
    close,
  };
}

export function remoteTarget(options: TargetOptions, env: NodeJS.ProcessEnv): Target {
  const gatewayUrl = httpUrl(options.gateway ?? (env.NUMTRUST_URL || DEFAULT_GATEWAY_URL), options.gateway ? '--gateway' : 'NUMTRUST_URL');
  const mocksUrl = httpUrl(options.mocks ?? (env.NUMTRUST_MOCKS_URL || DEFAULT_MOCKS_URL), options.mocks ? '--mocks' : 'NUMTRUST_MOCKS_URL');
  return targetServices({
    mode: 'remote',
    gatewayUrl,
    mocksUrl,
    apiKey: options.key ?? (env.NUMTRUST_API_KEY || undefined),
    twilioAuthToken: env.NUMTRUST_TWILIO_AUTH_TOKEN || undefined,
  });
}

export async function openTarget(options: TargetOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  if (!options.embedded) return remoteTarget(options, env);
  for (const option of ['gateway', 'key', 'mocks'] as const) {
    if (options[option] !== undefined) throw new UsageError(`--embedded starts its own gateway and mocks: drop --${option}`);
  }
  // Loaded only here: the gateway, the adapters and the mock carriers are not needed to talk to a running gateway.
  const { startEmbeddedTarget } = await import('./embedded.ts');
  return startEmbeddedTarget();
}
