/**
 * Secrets never live in config files: a value written `{ "$env": "NAME" }` is replaced by the
 * environment variable NAME (`{ "$env": "NAME", "json": true }` parses it as JSON, for keys).
 */

export type EnvSource = Readonly<Record<string, string | undefined>>;

export class MissingSecretError extends Error {
  constructor(name: string, where: string) {
    super(`config ${where} needs the environment variable ${name}, which is not set`);
    this.name = 'MissingSecretError';
  }
}

function isEnvRef(value: unknown): value is { $env: string; json?: boolean } {
  return typeof value === 'object' && value !== null && typeof (value as { $env?: unknown }).$env === 'string';
}

export function resolveEnvRefs(value: unknown, env: EnvSource, where = '$'): unknown {
  if (isEnvRef(value)) {
    const raw = env[value.$env];
    if (raw === undefined || raw === '') throw new MissingSecretError(value.$env, where);
    if (!value.json) return raw;
    try {
      return JSON.parse(raw);
    } catch {
      throw new Error(`config ${where}: environment variable ${value.$env} is not valid JSON`);
    }
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveEnvRefs(item, env, `${where}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveEnvRefs(item, env, `${where}.${key}`)]),
    );
  }
  return value;
}
