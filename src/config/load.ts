import { z } from 'zod';
import { resolveEnvRefs, type EnvSource } from './env-refs.ts';
import { GatewayConfigSchema, type GatewayConfig } from './schema.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates raw config (already parsed JSON) after substituting `$env` secrets; errors name every bad path. */
export function parseGatewayConfig(raw: unknown, env: EnvSource, source = 'config'): GatewayConfig {
  let resolved: unknown;
  try {
    resolved = resolveEnvRefs(raw, env);
  } catch (error) {
    throw new ConfigError(`${source}: ${(error as Error).message}`);
  }
  const result = GatewayConfigSchema.safeParse(resolved);
  if (!result.success) {
    throw new ConfigError(`${source} is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
