/**
 * Tenants: their config (own provider credentials as merge patches, revoked keys, limits), the
 * token bucket and the daily cap on a fake clock, and through the gateway: one tenant never sees
 * another's cached answers, sessions or credentials; rate limits and caps hit only their tenant.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_DEV_CREDENTIALS } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { ApiKeyStore } from '../../src/auth/api-keys.ts';
import { sha256Hex } from '../../src/contract/encoding.ts';
import { TenantRateLimiter } from '../../src/auth/rate-limit.ts';
import { TokenBucket } from '../../src/shared-state/token-bucket.ts';
import { memorySharedState, MemoryQuotas } from '../../src/shared-state/memory.ts';
import type { QuotaStore } from '../../src/shared-state/port.ts';
import { ConfigError, parseGatewayConfig } from '../../src/config/load.ts';
import { applyMergePatch } from '../../src/config/merge-patch.ts';
import { ProviderConfigSchema, type GatewayConfigInput } from '../../src/config/schema.ts';
import { DailyUpstreamQuota } from '../../src/engine/daily-quota.ts';
import { tenantProviderConfigs } from '../../src/engine/tenants.ts';
import { CamaraError } from '../../src/errors.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { basic, KEYS, startSecurityGateway, twoTenants, type SecurityGateway } from './support.ts';

const MOCKS = 'http://127.0.0.1:9';
const BRIGHTWAVE_LINE = '+447700900502';
const SIM_SWAP_CHECK = '/sim-swap/v2/check';

function configWith(tenants: GatewayConfigInput['tenants']): GatewayConfigInput {
  return { ...(embeddedConfig(MOCKS, KEYS.alpha) as GatewayConfigInput), tenants };
}

function configProblem(tenants: GatewayConfigInput['tenants']): string {
  try {
    parseGatewayConfig(configWith(tenants), {}, 'config');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('tenant config', () => {
  it('applies a tenant provider patch as a JSON Merge Patch: objects merge, null removes, the rest replaces', () => {
    expect(applyMergePatch({ a: 1, auth: { id: 'x', secret: 's', keep: true }, list: [1, 2] }, { auth: { secret: 't', keep: null }, list: [3] })).toEqual({
      a: 1,
      auth: { id: 'x', secret: 't' },
      list: [3],
    });
    const patched = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("builds each tenant's providers from the shared entries and its own patch", () => {
    const config = parseGatewayConfig(
      configWith(
        twoTenants({
          beta: {
            providers: {
              brightwave: { auth: { clientAuth: { clientSecret: 'beta-own-secret' } } },
              twilio: { authToken: null, apiKeySid: TWILIO_DEV_CREDENTIALS.apiKeySid, apiKeySecret: { $env: 'BETA_TWILIO_SECRET' } },
            },
          },
        }),
      ),
      { BETA_TWILIO_SECRET: 'from-the-environment' },
    );
    const [alpha, beta] = config.tenants;
    const alphaProviders = tenantProviderConfigs(config.providers, alpha!);
    const betaProviders = tenantProviderConfigs(config.providers, beta!);
    expect(alphaProviders.get('brightwave')).toBe(config.providers.find((provider) => provider.id === 'brightwave'));
    expect(betaProviders.get('brightwave')).toMatchObject({ id: 'brightwave', auth: { clientAuth: { method: 'client_secret_post', clientSecret: 'beta-own-secret' } } });
    expect(betaProviders.get('twilio')).toMatchObject({ apiKeySid: TWILIO_DEV_CREDENTIALS.apiKeySid, apiKeySecret: 'from-the-environment' });
    expect(betaProviders.get('twilio')).not.toHaveProperty('authToken');
    // The shared entry is untouched.
    expect(config.providers.find((provider) => provider.id === 'brightwave')).toMatchObject({ auth: { clientAuth: { clientSecret: 'brightwave-dev-secret' } } });
  });

  it('every provider entry reads back unchanged through an empty patch (patches merge over parsed entries)', () => {
    const config = embeddedConfig(MOCKS, KEYS.alpha);
    for (const provider of config.providers) {
      expect(ProviderConfigSchema.parse(applyMergePatch(provider, {}))).toEqual(provider);
    }
  });

  it('refuses a patch of an unknown provider, of id or kind, and one that leaves an invalid provider, naming the path', () => {
    const cases: Array<[GatewayConfigInput['tenants'], string, RegExp]> = [
      [twoTenants({ beta: { providers: { nowhere: { baseUrl: 'https://x.example' } } } }), 'tenants[1].providers.nowhere', /unknown provider "nowhere"/],
      [twoTenants({ beta: { providers: { twilio: { kind: 'vonage' } } } }), 'tenants[1].providers.twilio.kind', /cannot change a provider's kind/],
      [twoTenants({ beta: { providers: { twilio: { id: 'twilio2' } } } }), 'tenants[1].providers.twilio.id', /cannot change a provider's id/],
      [
        twoTenants({ beta: { providers: { twilio: { apiKeySid: TWILIO_DEV_CREDENTIALS.apiKeySid, apiKeySecret: 'x' } } } }),
        'tenants[1].providers.twilio.authToken',
        /either authToken, or apiKeySid/,
      ],
      [twoTenants({ alpha: { providers: { brightwave: { auth: { clientAuth: { method: 'magic' } } } } } }), 'tenants[0].providers.brightwave.auth.clientAuth', /.+/],
    ];
    for (const [tenants, path, message] of cases) {
      const problem = configProblem(tenants);
      expect(problem).toContain(`at ${path}`);
      expect(problem).toMatch(message);
    }
  });

  it('checks rate limits, caps and key syntax', () => {
    expect(configProblem(twoTenants({ alpha: { rateLimit: { requestsPerSecond: 0, burst: 1 } } }))).toContain('tenants[0].rateLimit.requestsPerSecond');
    expect(configProblem(twoTenants({ alpha: { rateLimit: { requestsPerSecond: 5, burst: 0 } } }))).toContain('tenants[0].rateLimit.burst');
    expect(configProblem(twoTenants({ alpha: { dailyUpstreamCap: -1 } }))).toContain('tenants[0].dailyUpstreamCap');
    expect(configProblem(twoTenants({ alpha: { apiKeys: [{ id: 'k', key: 'has spaces in the key' }] } }))).toContain('tenants[0].apiKeys[0]');
    const config = parseGatewayConfig(configWith(twoTenants({ alpha: { rateLimit: { requestsPerSecond: 2.5, burst: 10 }, dailyUpstreamCap: 0 } })), {});
    expect(config.tenants[0]).toMatchObject({ rateLimit: { requestsPerSecond: 2.5, burst: 10 }, dailyUpstreamCap: 0 });
  });
});

describe('docs/numtrust.example.json', () => {
  it('is a valid config whose tenants show every tenant key', async () => {
    const { readFile } = await import('node:fs/promises');
    const raw = JSON.parse(await readFile(new URL('../../docs/numtrust.example.json', import.meta.url), 'utf8'));
    // Every variable the example references is set; the environment shortcuts (NUMTRUST_REDIS_URL…) are not.
    const shortcuts = new Set(['NUMTRUST_REDIS_URL', 'NUMTRUST_NUMBER_KEY_SECRET']);
    const env = new Proxy({}, {
      get: (_target, name) => {
        if (shortcuts.has(String(name))) return undefined;
        return name === 'ORANGE_ES_PRIVATE_JWK' ? JSON.stringify({ kty: 'EC', crv: 'P-256', kid: 'k1', alg: 'ES256', d: 'd', x: 'x', y: 'y' }) : `example-${String(name).toLowerCase()}-value`;
      },
      has: (_target, name) => !shortcuts.has(String(name)),
    });
    const config = parseGatewayConfig(raw, env, 'docs/numtrust.example.json');
    const keys = new Set(config.tenants.flatMap((tenant) => Object.keys(tenant)));
    for (const key of ['apiKeys', 'providers', 'rateLimit', 'dailyUpstreamCap', 'voice']) expect(keys).toContain(key);
    expect(config.tenants.flatMap((tenant) => tenant.apiKeys).some((key) => key.revoked)).toBe(true);
    const fraudTeam = config.tenants.find((tenant) => tenant.id === 'fraud-team')!;
    expect(tenantProviderConfigs(config.providers, fraudTeam).get('opgw-es')).toMatchObject({
      auth: { clientId: 'example-fraud_team_opgw_es_client_id-value', clientAuth: { method: 'client_secret_basic', clientSecret: 'example-fraud_team_opgw_es_client_secret-value' } },
    });
  });
});

describe('API keys', () => {
  it('refuses a revoked key (reason revoked, for the log only) whether configured plain or as a digest', async () => {
    const store = new ApiKeyStore([
      { id: 'live', tenantId: 'alpha', sha256: await sha256Hex(KEYS.alpha) },
      { id: 'old', tenantId: 'alpha', sha256: await sha256Hex(KEYS.alphaRevoked), revoked: true },
    ]);
    expect(await store.check(`Bearer ${KEYS.alpha}`)).toEqual({ ok: true, tenantId: 'alpha', keyId: 'live' });
    expect(await store.check(`Bearer ${KEYS.alphaRevoked}`)).toEqual({ ok: false, reason: 'revoked', tenantId: 'alpha', keyId: 'old' });
    expect(await store.check(`Bearer ${KEYS.unknown}`)).toEqual({ ok: false, reason: 'unknown' });
    const config = parseGatewayConfig(
      configWith([{ id: 'alpha', apiKeys: [{ id: 'old', sha256: await sha256Hex(KEYS.alphaRevoked), revoked: true }, { id: 'live', key: KEYS.alpha }] }]),
      {},
    );
    expect(config.tenants[0]!.apiKeys[0]).toMatchObject({ revoked: true });
  });
});

describe('token bucket', () => {
  it('lets a burst through, then one request per 1/rate seconds, and says how long to wait', () => {
    const bucket = new TokenBucket({ requestsPerSecond: 2, burst: 3 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(bucket.take(250)).toEqual({ ok: false, retryAfterMs: 250 });
    expect(bucket.take(500)).toEqual({ ok: true });
    // A long quiet spell refills to the burst, not beyond.
    for (let i = 0; i < 3; i++) expect(bucket.take(60_000).ok).toBe(true);
    expect(bucket.take(60_000).ok).toBe(false);
  });

  it('mints nothing when the clock steps back', () => {
    const bucket = new TokenBucket({ requestsPerSecond: 1, burst: 1 }, 10_000);
    expect(bucket.take(10_000).ok).toBe(true);
    expect(bucket.take(5_000).ok).toBe(false);
    expect(bucket.take(10_500).ok).toBe(false);
    expect(bucket.take(11_000).ok).toBe(true);
  });

  it('keeps one bucket per tenant; a tenant without a rateLimit is never limited', async () => {
    let now = 0;
    const clock = () => now;
    const tenants = [{ id: 'a', rateLimit: { requestsPerSecond: 1, burst: 1 } }, { id: 'b', rateLimit: { requestsPerSecond: 1, burst: 1 } }, { id: 'c' }];
    const limiter = new TenantRateLimiter(tenants, memorySharedState(clock), { now: clock });
    expect((await limiter.take('a')).ok).toBe(true);
    expect((await limiter.take('a')).ok).toBe(false);
    expect((await limiter.take('b')).ok).toBe(true);
    for (let i = 0; i < 100; i++) expect((await limiter.take('c')).ok).toBe(true);
    now = 1_000;
    expect((await limiter.take('a')).ok).toBe(true);
  });
});

describe('daily upstream quota', () => {
  const DAY = 86_400_000;
  const refusal = async (quota: DailyUpstreamQuota, tenant: string): Promise<CamaraError | undefined> => {
    try {
      await quota.admit(tenant);
      return undefined;
    } catch (error) {
      return error as CamaraError;
    }
  };
  const quotaOf = (tenants: Array<{ id: string; dailyUpstreamCap?: number }>, now: () => number, store: QuotaStore = new MemoryQuotas()) =>
    new DailyUpstreamQuota(tenants, store, { timeoutMs: 50, now });

  it('admits until the cap is spent, then refuses with QUOTA_EXCEEDED until midnight UTC', async () => {
    let now = 100 * DAY + 3_600_000 * 23; // 23:00 UTC
    const quota = quotaOf([{ id: 'a', dailyUpstreamCap: 2 }, { id: 'free' }], () => now);
    expect(await refusal(quota, 'a')).toBeUndefined();
    expect(quota.wouldAdmit('a')).toBe(true);
    quota.spend('a');
    expect(await quota.usedToday('a')).toBe(2);
    const refused = (await refusal(quota, 'a'))!;
    expect(refused).toBeInstanceOf(CamaraError);
    expect(refused.toBody()).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED' });
    expect(refused.retryAfterSeconds).toBe(3_600);
    expect(quota.wouldAdmit('a')).toBe(false);
    for (let i = 0; i < 50; i++) quota.spend('free');
    expect(await refusal(quota, 'free')).toBeUndefined();
    now += 3_600_000;
    expect(await quota.usedToday('a')).toBe(0);
    expect(quota.wouldAdmit('a')).toBe(true);
    expect(await refusal(quota, 'a')).toBeUndefined();
  });

  it('takes atomically: of concurrent admissions past the cap, exactly the cap get through; a call given back can be taken again', async () => {
    const quota = quotaOf([{ id: 'a', dailyUpstreamCap: 3 }], () => 0);
    const results = await Promise.all(Array.from({ length: 10 }, () => refusal(quota, 'a')));
    expect(results.filter((r) => r === undefined)).toHaveLength(3);
    quota.release('a');
    expect(await refusal(quota, 'a')).toBeUndefined();
    expect((await refusal(quota, 'a'))?.code).toBe('QUOTA_EXCEEDED');
  });

  it('a cap of 0 refuses every upstream call', async () => {
    const quota = quotaOf([{ id: 'a', dailyUpstreamCap: 0 }], () => 0);
    expect((await refusal(quota, 'a'))?.code).toBe('QUOTA_EXCEEDED');
  });

  it('fails closed when the store does not answer: 503 UNAVAILABLE, no call admitted; tenants without a cap never ask it', async () => {
    const hanging = { tryTake: () => new Promise<boolean>(() => {}), add: async () => {}, used: () => new Promise<number>(() => {}) };
    const quota = quotaOf([{ id: 'a', dailyUpstreamCap: 100 }, { id: 'free' }], () => 0, hanging);
    const refused = await refusal(quota, 'a');
    expect(refused?.toBody()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    await expect(quota.check('a')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await refusal(quota, 'free')).toBeUndefined();
  });
});

describe('isolation between tenants, through the gateway', () => {
  let t: SecurityGateway;
  beforeAll(async () => {
    t = await startSecurityGateway({
      tenants: twoTenants({
        beta: {
          providers: {
            twilio: { authToken: null, apiKeySid: TWILIO_DEV_CREDENTIALS.apiKeySid, apiKeySecret: TWILIO_DEV_CREDENTIALS.apiKeySecret },
            nokia: { rapidApiKey: 'beta-key-the-mock-does-not-know' },
          },
        },
      }),
    });
  });
  afterEach(() => {
    t.network.faults.clear();
  });
  afterAll(() => t?.close());

  it("never answers one tenant from another's cache", async () => {
    const body = { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 };
    const calls = () => t.network.stats.get('brightwave', 'sim-swap/v2/check');
    const first = await t.call('POST', SIM_SWAP_CHECK, { body });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-numtrust-cache')).toBe('miss');
    const again = await t.call('POST', SIM_SWAP_CHECK, { body });
    expect(again.headers.get('x-numtrust-cache')).toBe('hit');
    const before = calls();

    const beta = await t.call('POST', SIM_SWAP_CHECK, { key: KEYS.beta, body });
    expect(beta.status).toBe(200);
    expect(beta.headers.get('x-numtrust-cache')).toBe('miss');
    expect(calls()).toBe(before + 1);
    expect(t.gateway.engine.tenant('alpha')!.cache).not.toBe(t.gateway.engine.tenant('beta')!.cache);
  });

  it('sends each tenant its own credentials to the same aggregator', async () => {
    const ask = (key: string) => t.call('POST', SIM_SWAP_CHECK, { key, body: { phoneNumber: '+447700900503', maxAge: 48 }, headers: { 'x-numtrust-provider': 'twilio' } });
    const authorizationsTo = (from: number) =>
      t.sent.slice(from).filter((request) => request.url.includes('/carriers/twilio/')).map((request) => request.headers.authorization ?? request.headers.Authorization);

    let mark = t.sent.length;
    expect((await ask(KEYS.alpha)).status).toBe(200);
    expect(authorizationsTo(mark)).toEqual([basic(TWILIO_DEV_CREDENTIALS.accountSid, TWILIO_DEV_CREDENTIALS.authToken)]);
    mark = t.sent.length;
    expect((await ask(KEYS.beta)).status).toBe(200);
    expect(authorizationsTo(mark)).toEqual([basic(TWILIO_DEV_CREDENTIALS.apiKeySid, TWILIO_DEV_CREDENTIALS.apiKeySecret)]);
  });

  it("one tenant's refused credentials neither reach nor break another tenant's calls", async () => {
    const ask = (key: string) =>
      t.call('POST', '/device-roaming-status/v1/retrieve', { key, body: { device: { phoneNumber: '+447700900504' } }, headers: { 'x-numtrust-provider': 'nokia' } });
    const refused = await ask(KEYS.beta);
    expect(refused.status).toBe(502);
    expect(refused.json).toMatchObject({ code: 'BAD_GATEWAY' });
    expect(JSON.stringify(refused.json)).not.toContain('beta-key');
    const nokiaRequests = t.sent.filter((request) => request.url.includes('/carriers/nokia/'));
    expect(nokiaRequests.at(-1)!.headers['x-rapidapi-key']).toBe('beta-key-the-mock-does-not-know');

    const alpha = await ask(KEYS.alpha);
    expect(alpha.status).toBe(200);
    expect(t.sent.filter((request) => request.url.includes('/carriers/nokia/')).at(-1)!.headers['x-rapidapi-key']).not.toBe('beta-key-the-mock-does-not-know');
    expect(t.gateway.engine.breakers.state('nokia:roaming.retrieve')).toBe('closed');
  });

  it("never shows one tenant's Number Verification session to another, by id or through an assessment", async () => {
    const created = await t.call('POST', '/v1/number-verification/sessions', { body: { phoneNumber: BRIGHTWAVE_LINE } });
    expect(created.status).toBe(201);
    const id = created.json.sessionId as string;
    expect((await t.call('GET', `/v1/number-verification/sessions/${id}`)).status).toBe(200);

    const foreign = await t.call('GET', `/v1/number-verification/sessions/${id}`, { key: KEYS.beta });
    const unknown = await t.call('GET', '/v1/number-verification/sessions/nv_unknownsessionid00000', { key: KEYS.beta });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual(unknown.json);

    const assessment = (key: string) =>
      t.call('POST', '/v1/assessments', {
        key,
        body: { phoneNumber: BRIGHTWAVE_LINE, context: { channel: 'app', riskTier: 'low' }, checks: { exclude: ['sim_swap', 'call_forwarding', 'roaming'] }, numberVerification: { sessionId: id } },
      });
    const nvDetail = (response: Awaited<ReturnType<typeof assessment>>) =>
      (response.json.unanswered as Array<{ signal: string; message: string }>).filter((gap) => gap.signal === 'number_verification').map((gap) => gap.message);
    const own = await assessment(KEYS.alpha);
    expect(own.status).toBe(200);
    expect(nvDetail(own).join()).toMatch(/not finished/);
    const other = await assessment(KEYS.beta);
    expect(other.status).toBe(200);
    expect(nvDetail(other).join()).toMatch(/unknown or has expired/);
  });
});

describe('rate limit per tenant', () => {
  let t: SecurityGateway;
  const GAMMA_KEY = 'nt_gamma_live_key_0123456789abcdef';
  beforeAll(async () => {
    t = await startSecurityGateway({
      tenants: [
        ...twoTenants({ alpha: { rateLimit: { requestsPerSecond: 0.5, burst: 3 } } }),
        { id: 'gamma', apiKeys: [{ id: 'gamma', key: GAMMA_KEY }], rateLimit: { requestsPerSecond: 0.01, burst: 1 } },
      ],
      operatorsOnly: true,
    });
  });
  afterAll(() => t?.close());

  it('answers 429 TOO_MANY_REQUESTS with Retry-After past the burst, before any upstream call, and only to that tenant', async () => {
    const body = { phoneNumber: '+447700900504', maxAge: 24 };
    for (let i = 0; i < 3; i++) expect((await t.call('POST', SIM_SWAP_CHECK, { body: { ...body, maxAge: 24 + i } })).status).toBe(200);
    const upstream = t.network.stats.get('brightwave', 'sim-swap/v2/check');

    const limited = await t.call('POST', SIM_SWAP_CHECK, { body: { ...body, maxAge: 99 } });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    expect(limited.headers.get('x-correlator')).toBeTruthy();
    expect(t.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(upstream);
    // Invalid requests spend tokens too: the limit is on requests, not on answers.
    expect((await t.call('POST', SIM_SWAP_CHECK, { body: 'not json' })).status).toBe(429);

    for (let i = 0; i < 5; i++) expect((await t.call('POST', SIM_SWAP_CHECK, { key: KEYS.beta, body })).status).toBe(200);
  });

  it("does not spend a tenant's tokens on requests without a valid key", async () => {
    for (const key of [KEYS.unknown, null, 'short']) {
      for (let i = 0; i < 5; i++) expect((await t.call('POST', SIM_SWAP_CHECK, { key, body: {} })).status).toBe(401);
    }
    expect((await t.call('POST', SIM_SWAP_CHECK, { key: GAMMA_KEY, body: {} })).status).toBe(422);
    expect((await t.call('POST', SIM_SWAP_CHECK, { key: GAMMA_KEY, body: {} })).status).toBe(429);
  });
});

describe('daily cap on upstream calls', () => {
  let t: SecurityGateway;
  beforeAll(async () => {
    t = await startSecurityGateway({ tenants: twoTenants({ alpha: { dailyUpstreamCap: 2 } }) });
  });
  afterAll(() => t?.close());

  it('counts only real upstream calls (not cache hits, not single-flight joins), then refuses with 429 QUOTA_EXCEEDED without failover', async () => {
    const check = (maxAge: number, key: string = KEYS.alpha) => t.call('POST', SIM_SWAP_CHECK, { key, body: { phoneNumber: BRIGHTWAVE_LINE, maxAge } });
    const used = () => t.gateway.engine.upstreamQuota.usedToday('alpha');

    expect((await check(24)).status).toBe(200);
    expect(await used()).toBe(1);
    const hit = await check(24);
    expect(hit.headers.get('x-numtrust-cache')).toBe('hit');
    expect(await used()).toBe(1);

    const joined = t.gateway.engine.singleFlightJoins;
    const together = await Promise.all(Array.from({ length: 8 }, () => check(30)));
    expect(together.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(t.gateway.engine.singleFlightJoins).toBeGreaterThan(joined);
    expect(await used()).toBe(2);

    t.network.stats.reset();
    const refused = await check(31);
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ status: 429, code: 'QUOTA_EXCEEDED', message: expect.any(String) });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    // Refused before any provider of the chain was asked: no failover to the aggregators.
    expect(Object.values(t.network.stats.snapshot()).flatMap((counts) => Object.entries(counts))).toEqual([]);
    expect(await used()).toBe(2);

    expect((await check(24)).headers.get('x-numtrust-cache')).toBe('hit');
    const assessment = await t.call('POST', '/v1/assessments', { body: { phoneNumber: BRIGHTWAVE_LINE, context: { channel: 'ivr', riskTier: 'low' } } });
    expect(assessment.status).toBe(429);
    expect(assessment.json.code).toBe('QUOTA_EXCEEDED');

    // Another tenant is not held back by alpha's cap; having none, its calls are not even counted.
    expect((await check(31, KEYS.beta)).status).toBe(200);
    expect(await t.gateway.engine.upstreamQuota.usedToday('beta')).toBe(0);
    expect(await used()).toBe(2);
  });
});
