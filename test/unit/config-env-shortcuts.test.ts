/**
 * The environment shortcuts for what a config leaves out (src/config/load.ts): NUMTRUST_REDIS_URL
 * a Redis shared state, NUMTRUST_NUMBER_KEY_SECRET the number-key secret; the config wins where it
 * names them, and a bad value is a clear ConfigError that says where it came from. And the
 * embedded default's NUMTRUST_CORS_ORIGINS (src/runtime/embedded.ts).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseGatewayConfig } from '../../src/config/load.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';

const SECRET = 'an-env-number-key-secret-of-32-characters';
const REDIS = 'redis://:p4ssw0rd@cache.internal:6379/2';
const raw = () => ({ ...embeddedConfig('http://127.0.0.1:9', 'nt_env_shortcut_key_0123456789'), sharedState: undefined, numberKeySecret: undefined });

describe('environment shortcuts', () => {
  it('NUMTRUST_REDIS_URL and NUMTRUST_NUMBER_KEY_SECRET fill what the config leaves out, with the Redis defaults', () => {
    const config = parseGatewayConfig(raw(), { NUMTRUST_REDIS_URL: REDIS, NUMTRUST_NUMBER_KEY_SECRET: SECRET });
    expect(config.sharedState).toEqual({ kind: 'redis', url: REDIS, keyPrefix: 'numtrust:', timeoutMs: 50, sessionTimeoutMs: 1_000 });
    expect(config.numberKeySecret).toBe(SECRET);
  });

  it('the config wins where it names them', () => {
    const config = parseGatewayConfig({ ...raw(), sharedState: { kind: 'memory' }, numberKeySecret: `${SECRET}-own` }, { NUMTRUST_REDIS_URL: REDIS, NUMTRUST_NUMBER_KEY_SECRET: SECRET });
    expect(config.sharedState).toEqual({ kind: 'memory' });
    expect(config.numberKeySecret).toBe(`${SECRET}-own`);
  });

  it('the embedded default honours both', () => {
    const config = embeddedConfig('http://127.0.0.1:9', 'nt_env_shortcut_key_0123456789', 5, { env: { NUMTRUST_REDIS_URL: REDIS, NUMTRUST_NUMBER_KEY_SECRET: SECRET } });
    expect(config.sharedState).toMatchObject({ kind: 'redis', url: REDIS });
    expect(config.numberKeySecret).toBe(SECRET);
    expect(embeddedConfig('http://127.0.0.1:9', 'nt_env_shortcut_key_0123456789').sharedState).toEqual({ kind: 'memory' });
  });

  it('a Redis URL without a secret, or a URL that is not redis://, is a ConfigError naming the variable and not the password', () => {
    const error = (env: Record<string, string>) => {
      try {
        parseGatewayConfig(raw(), env);
      } catch (thrown) {
        return thrown;
      }
      throw new Error('no error');
    };
    const noSecret = error({ NUMTRUST_REDIS_URL: REDIS });
    expect(noSecret).toBeInstanceOf(ConfigError);
    expect((noSecret as Error).message).toMatch(/numberKeySecret[\s\S]*NUMTRUST_REDIS_URL/);
    const notRedis = error({ NUMTRUST_REDIS_URL: 'http://user:p4ssw0rd@cache.internal', NUMTRUST_NUMBER_KEY_SECRET: SECRET });
    expect((notRedis as Error).message).toMatch(/redis:\/\/ or rediss:\/\/[\s\S]*NUMTRUST_REDIS_URL/);
    expect((notRedis as Error).message).not.toContain('p4ssw0rd');
  });

  it('NUMTRUST_CORS_ORIGINS lets browser origins call the embedded tenant; one that is no origin stops the start, naming the variable', () => {
    const key = 'nt_env_shortcut_key_0123456789';
    const config = embeddedConfig('http://127.0.0.1:9', key, 5, { env: { NUMTRUST_CORS_ORIGINS: 'http://127.0.0.1:8090, https://desk.example.com/' } });
    expect(config.tenants[0]!.corsOrigins).toEqual(['http://127.0.0.1:8090', 'https://desk.example.com']);
    expect(embeddedConfig('http://127.0.0.1:9', key).tenants[0]!.corsOrigins).toBeUndefined();
    for (const bad of ['*', 'http://127.0.0.1:8090/app', 'desk.example.com']) {
      expect(() => embeddedConfig('http://127.0.0.1:9', key, 5, { env: { NUMTRUST_CORS_ORIGINS: bad } }), bad).toThrow(ConfigError);
      expect(() => embeddedConfig('http://127.0.0.1:9', key, 5, { env: { NUMTRUST_CORS_ORIGINS: bad } }), bad).toThrow(/NUMTRUST_CORS_ORIGINS/);
    }
  });
});
