import { describe, expect, it } from 'vitest';
import { ApiKeyStore, constantTimeEqual, generateApiKey } from '../../src/auth/api-keys.ts';
import { sha256Hex } from '../../src/contract/encoding.ts';
import { resolveEnvRefs } from '../../src/config/env-refs.ts';
import { NumberKeyer } from '../../src/resilience/number-key.ts';

describe('API keys', () => {
  it('accepts a configured key, and tells missing, malformed and unknown apart', async () => {
    const key = generateApiKey();
    const store = new ApiKeyStore([{ id: 'k1', tenantId: 'acme', sha256: await sha256Hex(key) }]);
    expect(await store.check(`Bearer ${key}`)).toEqual({ ok: true, tenantId: 'acme', keyId: 'k1' });
    expect(await store.check(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await store.check(`Basic ${key}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(await store.check('Bearer short')).toEqual({ ok: false, reason: 'malformed' });
    expect(await store.check(`Bearer ${generateApiKey()}`)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('compares digests without short-circuiting on length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('$env secrets in config', () => {
  it('substitutes values and parses JSON ones', () => {
    const resolved = resolveEnvRefs(
      { a: { $env: 'SECRET' }, list: [{ key: { $env: 'JWK', json: true } }] },
      { SECRET: 's3cret', JWK: '{"kty":"EC"}' },
    );
    expect(resolved).toEqual({ a: 's3cret', list: [{ key: { kty: 'EC' } }] });
  });

  it('names the missing variable and where it was needed', () => {
    expect(() => resolveEnvRefs({ providers: [{ secret: { $env: 'NOPE' } }] }, {})).toThrow(/NOPE.*\$\.providers\[0\]\.secret|\$\.providers\[0\]\.secret.*NOPE/);
  });
});

describe('number keys', () => {
  it('keys numbers by a keyed hash that differs between secrets and never contains the number', async () => {
    const a = new NumberKeyer(new Uint8Array(32).fill(1));
    const b = new NumberKeyer(new Uint8Array(32).fill(2));
    const keyA = await a.keyOf('+447700900001');
    expect(keyA).toBe(await a.keyOf('+447700900001'));
    expect(keyA).not.toBe(await a.keyOf('+447700900002'));
    expect(keyA).not.toBe(await b.keyOf('+447700900001'));
    expect(keyA).not.toContain('447700900001');
  });
});
