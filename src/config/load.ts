import { z } from 'zod';
import { resolveEnvRefs, type EnvSource } from './env-refs.ts';
import { GatewayConfigSchema, type GatewayConfig } from './schema.ts';
import { phraseOf } from '../routes/body-issues.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * What the environment may set when the config leaves it out: NUMTRUST_REDIS_URL a Redis shared
 * state (`sharedState: { kind: "redis", url }`), NUMTRUST_NUMBER_KEY_SECRET `numberKeySecret`.
 * Also for the embedded default, which has no file to write them in.
 */
const ENV_SHORTCUTS = [
  { variable: 'NUMTRUST_REDIS_URL', field: 'sharedState', value: (url: string) => ({ kind: 'redis', url }) },
  { variable: 'NUMTRUST_NUMBER_KEY_SECRET', field: 'numberKeySecret', value: (secret: string) => secret },
] as const;

function withEnvShortcuts(raw: unknown, env: EnvSource): { config: unknown; used: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { config: raw, used: [] };
  const config: Record<string, unknown> = { ...raw };
  const used: string[] = [];
  for (const shortcut of ENV_SHORTCUTS) {
    const value = env[shortcut.variable];
    if (config[shortcut.field] !== undefined || !value) continue;
    config[shortcut.field] = shortcut.value(value);
    used.push(`${shortcut.field} from ${shortcut.variable}`);
  }
  return { config, used };
}

/** Validates raw config (already parsed JSON) after substituting `$env` secrets; errors name every bad path. */
export function parseGatewayConfig(raw: unknown, env: EnvSource, source = 'config'): GatewayConfig {
  let resolved: unknown;
  try {
    resolved = resolveEnvRefs(raw, env);
  } catch (error) {
    throw new ConfigError(`${source}: ${(error as Error).message}`);
  }
  const { config, used } = withEnvShortcuts(resolved, env);
  // The request bodies' phrases ("must be at least 50"), not zod's own text.
  const result = GatewayConfigSchema.safeParse(config, { error: phraseOf });
  if (!result.success) {
    const shortcuts = used.length > 0 ? `\n(set by the environment: ${used.join(', ')})` : '';
    throw new ConfigError(`${source} is invalid:\n${z.prettifyError(result.error)}${shortcuts}`);
  }
  return result.data;
}
