/**
 * Start-up token warm-up (`auth.warmUp` on a client-credentials CAMARA provider): every tenant's
 * token of each API scope the provider is configured for is fetched when the gateway starts, so
 * the first checks need no token request; a failure is only logged. Off by default.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configuredOperations } from '../../adapters/camara/operations.ts';
import { entriesOf } from '../../adapters/shared/operation-table.ts';
import { parseCamaraConfig } from '../../adapters/camara/config.ts';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

const OPERATOR = 'brightwave';
const BRIGHTWAVE_LINE = '+447700900502';

/** brightwave with auth.warmUp, and a second tenant beside the default one. */
function warmingUp(config: GatewayConfig): GatewayConfig {
  return {
    ...config,
    providers: config.providers.map((provider) =>
      provider.id === OPERATOR && provider.kind === 'camara' ? { ...provider, auth: { ...provider.auth, warmUp: true } } : provider,
    ),
    tenants: [...config.tenants, { ...config.tenants[0]!, id: 'second', apiKeys: [{ id: 'second', key: 'nt_second_tenant_key_0123456789abcdef' }] }],
  };
}

function scopesOf(config: GatewayConfig, providerId: string): Set<string> {
  const provider = config.providers.find((candidate) => candidate.id === providerId);
  if (provider?.kind !== 'camara') throw new Error(`${providerId} is not a CAMARA provider`);
  return new Set(entriesOf(configuredOperations(provider.apis)).map((operation) => operation.scope));
}

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const tokenRequests = () => t!.network.stats.get(OPERATOR, 'token');

describe('token warm-up at start', () => {
  it("fetches each tenant's token for every configured API scope; the first checks then send no token request", async () => {
    let config: GatewayConfig | undefined;
    t = await startTestGateway({ configure: (base) => (config = warmingUp(base)) });
    await t.gateway.tokenWarmUp;
    const scopes = scopesOf(config!, OPERATOR);
    expect(scopes.size).toBeGreaterThan(1);
    expect(tokenRequests()).toBe(config!.tenants.length * scopes.size);
    expect(t.logLines.filter((line) => line.includes('"token warmed up"'))).toHaveLength(config!.tenants.length * scopes.size);

    expect((await t.post('/sim-swap/v2/check', { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 })).status).toBe(200);
    expect((await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: BRIGHTWAVE_LINE })).status).toBe(200);
    expect(tokenRequests()).toBe(config!.tenants.length * scopes.size);
  });

  it('only logs a failed warm-up (tenant, provider, scope, failure; no number) and serves as usual', async () => {
    t = await startTestGateway({
      configure: (base) => {
        const config = warmingUp(base);
        const refused = { method: 'client_secret_basic' as const, clientSecret: 'not-the-secret' };
        return {
          ...config,
          providers: config.providers.map((provider) =>
            provider.id === OPERATOR && provider.kind === 'camara' ? { ...provider, auth: { ...provider.auth, clientAuth: refused } } : provider,
          ),
        };
      },
    });
    await t.gateway.tokenWarmUp;
    expect(tokenRequests()).toBeGreaterThan(0);
    const failures = t.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'token warm-up failed');
    expect(failures.length).toBe(tokenRequests());
    for (const failure of failures) {
      expect(failure).toMatchObject({ level: 'warn', provider: OPERATOR, tenant: expect.any(String), scope: expect.any(String), failure: 'auth' });
    }
    expect(failures.map((failure) => JSON.stringify(failure)).join('\n')).not.toMatch(/\d{7}/);
    // The operator refuses the gateway's credentials: the chain's next provider answers.
    const answer = await t.post('/sim-swap/v2/check', { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-numtrust-provider')).not.toBe(OPERATOR);
  });

  it('is off by default: no token request at start', async () => {
    t = await startTestGateway();
    await t.gateway.tokenWarmUp;
    expect(tokenRequests()).toBe(0);
    expect(t.logLines.some((line) => line.includes('token warm'))).toBe(false);
  });

  it('is refused for a CIBA provider (its tokens are per number)', () => {
    const albion = { id: 'albion', kind: 'camara', baseUrl: 'http://127.0.0.1:1', allowInsecureHttp: true, apis: { simSwap: { version: 'v2' } } };
    const auth = { flow: 'ciba', clientId: 'numtrust', clientAuth: { method: 'client_secret_basic', clientSecret: 's' }, warmUp: true };
    expect(() => parseCamaraConfig({ ...albion, auth })).toThrow(/warmUp applies to client_credentials only/);
    expect(parseCamaraConfig({ ...albion, auth: { ...auth, flow: 'client_credentials' } }).auth.warmUp).toBe(true);
  });
});
