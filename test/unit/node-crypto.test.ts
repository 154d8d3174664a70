import { describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/auth/api-keys.ts';
import { sha256Hex } from '../../src/contract/encoding.ts';
import { NumberKeyer } from '../../src/resilience/number-key.ts';
import { nodeHmacSha256, nodeSha256Hex } from '../../src/runtime/node-crypto.ts';
import { importTsaKey, tsaHeaders, tsaSigner } from '../../adapters/telesign/auth.ts';
import { TELESIGN_DEV_API_KEY } from '../../mocks/carriers/telesign/dev-credentials.ts';

describe('node:crypto hashing on Node', () => {
  it('gives the same SHA-256 digests as Web Crypto, so configured key digests still match', async () => {
    for (const text of ['nt_dev_0123456789abcdef', 'ключ-κλειδί-🔑', '']) {
      expect(nodeSha256Hex(text)).toBe(await sha256Hex(text));
    }
    const key = 'nt_live_0123456789abcdef';
    const store = new ApiKeyStore([{ id: 'k1', tenantId: 'acme', sha256: await sha256Hex(key) }], nodeSha256Hex);
    expect(await store.check(`Bearer ${key}`)).toEqual({ ok: true, tenantId: 'acme', keyId: 'k1' });
    expect(await store.check('Bearer nt_live_0123456789abcdeX')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('gives the same number keys as Web Crypto under the same secret, and other keys under another', async () => {
    const secret = new TextEncoder().encode('a shared secret of at least 32 characters');
    const web = new NumberKeyer(secret);
    const node = new NumberKeyer(secret, nodeHmacSha256);
    for (const number of ['+447700900001', '+12025550101']) expect(await node.keyOf(number)).toBe(await web.keyOf(number));
    const other = new NumberKeyer(new Uint8Array(32).fill(7), nodeHmacSha256);
    expect(await other.keyOf('+447700900001')).not.toBe(await node.keyOf('+447700900001'));
  });

  it('signs Telesign requests (TSA) exactly as Web Crypto does', async () => {
    const request = { method: 'POST' as const, resource: '/v1/phoneid/447700900001', contentType: 'application/json', body: '{"addons":{}}', date: 'Sun, 22 Nov 2026 06:00:00 GMT', nonce: 'n-1' };
    const web = await tsaHeaders('CUST', await importTsaKey(TELESIGN_DEV_API_KEY), request);
    expect(await tsaHeaders('CUST', tsaSigner(TELESIGN_DEV_API_KEY, nodeHmacSha256), request)).toEqual(web);
    expect(await tsaHeaders('CUST', tsaSigner(TELESIGN_DEV_API_KEY), request)).toEqual(web);
  });
});

describe('node:crypto HMAC-SHA256 on Node', () => {
  it('equals createHmac for short and long messages, any key length, and multi-byte text', async () => {
    const { createHmac } = await import('node:crypto');
    const keys = [new Uint8Array(0), new Uint8Array(32).fill(1), new Uint8Array(64).fill(2), new Uint8Array(65).fill(3), new Uint8Array(200).fill(4)];
    const messages = ['', '+447700900001', 'ключ-κλειδί-🔑', 'x'.repeat(63), 'é'.repeat(64), 'y'.repeat(65), 'z'.repeat(5_000)];
    for (const key of keys) {
      const mac = nodeHmacSha256(key);
      for (const message of messages) {
        // Twice: the buffers it reuses must not carry one message into the next.
        for (let round = 0; round < 2; round++) {
          expect(Buffer.from(await mac(message)).toString('hex'), `${key.byteLength}-byte key, ${message.length} characters`).toBe(createHmac('sha256', key).update(message).digest('hex'));
        }
      }
    }
  });
});
