import { z } from 'zod';
import { PROVIDER_CONFIG_SCHEMAS } from '../../adapters/providers.ts';
import { CHANNELS, RISK_TIERS, ScoringOverrideSchema } from '../engine/assessment/policy.ts';
import { OPERATION_IDS, SIGNAL_KINDS } from '../contract/signals.ts';
import { NumberVerificationSettingsSchema } from '../routes/number-verification/settings.ts';
import { AgentScreenSettingsSchema } from '../routes/agent-screen/settings.ts';
import { CorsOrigin } from '../routes/cors.ts';
import { AgentGuidanceOverrideSchema } from '../engine/assessment/agent-guidance.ts';
import { TenantVoiceSchema, VoiceSettingsSchema } from '../routes/voice/settings.ts';
import { DEFAULT_ACTIONS } from '../engine/assessment/policy-book.ts';
import { API_KEY_SYNTAX } from '../auth/api-keys.ts';
import { applyMergePatch } from './merge-patch.ts';

/** Every kind of upstream numtrust can be configured with. */
export const ProviderConfigSchema = z.discriminatedUnion('kind', PROVIDER_CONFIG_SCHEMAS);
export type ProviderConfig = z.output<typeof ProviderConfigSchema>;
export type ProviderConfigInput = z.input<typeof ProviderConfigSchema>;

const E164Prefix = z.string().regex(/^\+[1-9][0-9]{0,14}$/, 'an E.164 prefix such as +4477009005');

const ChainLinkSchema = z.union([
  z.string().min(1),
  z.strictObject({
    id: z.string().min(1),
    /** Ask this provider only for these signal kinds on this range. */
    signals: z.array(z.enum(SIGNAL_KINDS)).min(1).optional(),
  }),
]);

export const RouteSchema = z.strictObject({
  prefix: E164Prefix,
  providers: z.array(ChainLinkSchema).min(1),
});

/** A revoked key is refused exactly like an unknown one (kept in config so its id stays taken). */
const Revoked = z.boolean().optional();

const ApiKeySchema = z.union([
  z.strictObject({ id: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'), revoked: Revoked }),
  /** A plain key (usually `{ "$env": "NAME" }`): hashed at load, never kept. */
  z.strictObject({
    id: z.string().min(1),
    key: z.string().regex(API_KEY_SYNTAX, 'API keys are 16 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -'),
    revoked: Revoked,
  }),
]);

export const TenantSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase id'),
  apiKeys: z.array(ApiKeySchema).min(1),
  /** Named actions and their risk tier (added to, or replacing, the defaults in src/engine/assessment/policy-book.ts). */
  actions: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case action name'), z.enum(RISK_TIERS)).optional(),
  /** This tenant's changes to the scoring model. */
  scoring: ScoringOverrideSchema,
  /**
   * This tenant's own settings of some providers (its own credentials at an operator): per
   * provider id, a JSON Merge Patch (RFC 7396) over that provider's entry; `id` and `kind` stay.
   */
  providers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** Token bucket over the tenant's API requests: beyond it, 429 TOO_MANY_REQUESTS with Retry-After. */
  rateLimit: z.strictObject({ requestsPerSecond: z.number().positive().max(1_000_000), burst: z.int().min(1).max(1_000_000) }).optional(),
  /** Upstream calls the tenant may cause per UTC day (cache hits and shared calls are free): beyond it, 429 QUOTA_EXCEEDED. */
  dailyUpstreamCap: z.int().min(0).optional(),
  /** How long each assessment stays readable (GET /v1/assessments/{id}, the agent's screen), seconds; 0 keeps none. Default 86 400 (24 h). */
  recordRetentionSeconds: z.int().min(0).max(30 * 86_400).optional(),
  /** What the agent's screen says for this tenant, over the defaults (docs/agent-screen.md). */
  agentGuidance: AgentGuidanceOverrideSchema,
  /** Browser origins allowed to call the API with this tenant's key (CORS), exact: docs/configuration.md. */
  corsOrigins: z.array(CorsOrigin).max(100).optional(),
  /** Voice-platform webhooks of this tenant (docs/ivr.md): Twilio's, authenticated by its signature instead of an API key. */
  voice: TenantVoiceSchema,
});

const ttlSeconds = z.number().int().min(0).max(86_400);

/** Longest a second-tier lookup may take before the request goes on without it. */
const tierTimeoutMs = z.number().int().min(1).max(1_000).default(50);

const SecondTierSchema = z.discriminatedUnion('store', [
  /** The Workers Cache API (caches.default): local to each data centre, free. */
  z.strictObject({ store: z.literal('cache-api'), timeoutMs: tierTimeoutMs }),
  /** A Workers KV namespace bound under `binding`: global, eventually consistent, at least 60 s per entry. */
  z.strictObject({ store: z.literal('kv'), binding: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), timeoutMs: tierTimeoutMs }),
  /** The shared state's own store (`sharedState.kind: "redis"` on Node); the default there. */
  z.strictObject({ store: z.literal('shared-state'), timeoutMs: tierTimeoutMs }),
  /** No second tier, even where the shared state could hold one. */
  z.strictObject({ store: z.literal('none') }),
]);
export type SecondTierConfig = z.output<typeof SecondTierSchema>;

/** A Workers binding name. */
const bindingName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

/**
 * Where the state every instance must agree on lives (docs/scaling.md): rate limits, daily caps,
 * Number Verification sessions and, with Redis, the answer cache's second tier.
 */
export const SharedStateSchema = z
  .discriminatedUnion('kind', [
    /** This process only: one instance (the embedded default). */
    z.strictObject({
      kind: z.literal('memory'),
      /**
       * Most memory the assessment records may take (MiB, their JSON text): past it the oldest go
       * first, before their retention. Default 16 (some 9 000 verdicts: the last quarter of an hour
       * at 10 assessments a second); keep a day of a busy contact centre in Redis instead.
       */
      recordMemoryMiB: z.number().int().min(1).max(65_536).optional(),
    }),
    /** A Valkey or Redis server (Node): `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. */
    z.strictObject({
      kind: z.literal('redis'),
      url: z.string().regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL'),
      /** Put before every key, so several gateways (or other programs) can share one server. */
      keyPrefix: z.string().regex(/^[A-Za-z0-9:_.-]{0,64}$/).default('numtrust:'),
      /** Longest a rate-limit, cap or cache call may take before the request goes on without the store. */
      timeoutMs: z.number().int().min(1).max(5_000).default(50),
      /** Longest a Number Verification session read or write may take before the route answers 503. */
      sessionTimeoutMs: z.number().int().min(10).max(10_000).default(1_000),
    }),
    /** Durable Objects (Cloudflare Workers), bound in wrangler.toml. */
    z.strictObject({
      kind: z.literal('durable-objects'),
      sessionsBinding: bindingName.default('NV_SESSIONS'),
      limitsBinding: bindingName.default('TENANT_LIMITS'),
      recordsBinding: bindingName.default('ASSESSMENT_RECORDS'),
      timeoutMs: z.number().int().min(1).max(5_000).default(250),
      sessionTimeoutMs: z.number().int().min(10).max(10_000).default(2_000),
    }),
  ])
  .default({ kind: 'memory' });
export type SharedStateConfig = z.output<typeof SharedStateSchema>;

/** Which provider, operation, or provider × operation some settings apply to (at least one of the two). */
const overrideTarget = {
  provider: z.string().min(1).optional(),
  operation: z.enum(OPERATION_IDS).optional(),
};
function targetNamed(override: { provider?: string; operation?: string }): boolean {
  return override.provider !== undefined || override.operation !== undefined;
}
const TARGET_MESSAGE = { message: 'name a provider, an operation, or both' };

const breakerSettings = {
  errorThresholdPercentage: z.number().min(1).max(100).optional(),
  /** Percentage of calls slower than slowCallDurationMs that opens the breaker. */
  slowCallRateThreshold: z.number().min(1).max(100).optional(),
  /** A call at least this long is slow, whatever its outcome. */
  slowCallDurationMs: z.number().int().min(1).max(60_000).optional(),
  volumeThreshold: z.number().int().min(1).optional(),
  resetTimeoutMs: z.number().int().min(100).optional(),
  rollingWindowMs: z.number().int().min(100).optional(),
  /** Probes that must all answer definitely, in time, before a half-open breaker closes. */
  halfOpenProbes: z.number().int().min(1).max(100).optional(),
};

const hedgeSettings = {
  enabled: z.boolean().optional(),
  /** Hedge once the provider has taken longer than this quantile of its recent answers. */
  quantile: z.number().min(0.5).max(0.999).optional(),
  minDelayMs: z.number().int().min(0).max(60_000).optional(),
  /** The delay while the provider's latency is not known yet. */
  coldDelayMs: z.number().int().min(0).max(60_000).optional(),
};

/** A channel's defaults: its deadline and how eagerly slow providers are hedged. */
const ChannelSettingsSchema = z.strictObject({
  deadlineMs: z.number().int().min(50).max(10_000).optional(),
  hedging: z.strictObject(hedgeSettings).optional(),
});

export const GatewayConfigSchema = z
  .strictObject({
    server: z
      .strictObject({
        bodyLimitBytes: z.number().int().min(256).max(1_048_576).default(16_384),
        /** Deadline of one northbound request, retries and failover included. */
        requestDeadlineMs: z.number().int().min(50).max(60_000).default(8_000),
        /** Upper bound of one upstream attempt; within a deadline an attempt gets less (docs/resilience.md, time budget). */
        attemptTimeoutMs: z.number().int().min(50).max(60_000).default(2_500),
      })
      .prefault({}),
    providers: z.array(ProviderConfigSchema).min(1),
    routes: z.array(RouteSchema).min(1),
    tenants: z.array(TenantSchema).min(1),
    cache: z
      .strictObject({
        maxEntries: z.number().int().min(1).default(50_000),
        ttlSeconds: z.partialRecord(z.enum(SIGNAL_KINDS), ttlSeconds).default({}),
        /** A cache shared by every instance behind the in-memory one (Cloudflare Workers only; docs/workers.md). */
        secondTier: SecondTierSchema.optional(),
      })
      .prefault({}),
    /**
     * Secret of the keyed hash that stands in for phone numbers in cache keys. Unset, each process
     * draws its own; a second cache tier needs one shared by every instance (at least 32 characters).
     */
    numberKeySecret: z.string().min(32).optional(),
    /** Changes to the default scoring model for every tenant (docs/scoring.md). */
    scoring: ScoringOverrideSchema,
    assessment: z
      .strictObject({
        /** Deadline of an assessment when neither the request nor its channel's settings name one. */
        defaultDeadlineMs: z.number().int().min(50).max(10_000).optional(),
        /** Per channel: the deadline when the request names none, and hedging (defaults in src/engine/assessment/channels.ts). */
        channels: z.partialRecord(z.enum(CHANNELS), ChannelSettingsSchema).optional(),
        /** SIM swap check look-back of an assessment when the request names none, hours; unset: the tier's SIM swap window. */
        defaultMaxAgeHours: z.number().int().min(1).max(2400).optional(),
      })
      .prefault({}),
    breaker: z
      .strictObject({
        ...breakerSettings,
        /** Settings of some providers, operations, or provider × operation pairs; the most specific wins. */
        overrides: z.array(z.strictObject({ ...overrideTarget, ...breakerSettings }).refine(targetNamed, TARGET_MESSAGE)).optional(),
      })
      .prefault({}),
    /** Hedged requests: ask the next provider when one is slow to answer (docs/resilience.md). */
    hedging: z
      .strictObject({
        ...hedgeSettings,
        /** Providers under way at once for one check (1 turns hedging off). */
        maxInFlight: z.number().int().min(1).max(4).optional(),
        budget: z
          .strictObject({
            ratio: z.number().min(0).max(1).optional(),
            minPerSecond: z.number().min(0).max(1_000).optional(),
            windowMs: z.number().int().min(1_000).max(600_000).optional(),
          })
          .optional(),
        overrides: z.array(z.strictObject({ ...overrideTarget, ...hedgeSettings }).refine(targetNamed, TARGET_MESSAGE)).optional(),
      })
      .prefault({}),
    /** Retries of retryable upstream failures within the request deadline; defaults in src/resilience/retry.ts. */
    retry: z
      .strictObject({
        maxAttempts: z.number().int().min(1).max(10).optional(),
        baseDelayMs: z.number().int().min(0).max(60_000).optional(),
        maxDelayMs: z.number().int().min(0).max(60_000).optional(),
        minAttemptMs: z.number().int().min(1).max(60_000).optional(),
        budget: z
          .strictObject({
            ratio: z.number().min(0).max(1).optional(),
            minRetriesPerSecond: z.number().min(0).max(1_000).optional(),
            windowMs: z.number().int().min(1_000).max(600_000).optional(),
          })
          .optional(),
      })
      .prefault({}),
    numberVerification: NumberVerificationSettingsSchema,
    /** The agent's screen of each assessment (docs/agent-screen.md). */
    agentScreen: AgentScreenSettingsSchema,
    /** Voice-platform webhooks (docs/ivr.md). */
    voice: VoiceSettingsSchema,
    sharedState: SharedStateSchema,
    /** GET /metrics, served on Node only (docs/metrics.md). */
    metrics: z
      .strictObject({
        /** When set, a scrape must send `Authorization: Bearer <bearerToken>`; write it `{ "$env": "NAME" }`. */
        bearerToken: z.string().min(16).max(256).optional(),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const providerIds = new Set<string>();
    config.providers.forEach((provider, index) => {
      if (providerIds.has(provider.id)) {
        ctx.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `provider id "${provider.id}" is used twice` });
      }
      providerIds.add(provider.id);
    });
    const prefixes = new Set<string>();
    config.routes.forEach((route, index) => {
      if (prefixes.has(route.prefix)) {
        ctx.addIssue({ code: 'custom', path: ['routes', index, 'prefix'], message: `prefix ${route.prefix} is routed twice` });
      }
      prefixes.add(route.prefix);
      route.providers.forEach((link, position) => {
        const id = typeof link === 'string' ? link : link.id;
        if (!providerIds.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['routes', index, 'providers', position], message: `unknown provider "${id}"` });
        }
      });
    });
    const tier = config.cache.secondTier?.store;
    if (tier !== undefined && tier !== 'none' && !config.numberKeySecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['numberKeySecret'],
        message: 'a second cache tier needs numberKeySecret, so every instance hashes a number to the same key',
      });
    }
    if (config.sharedState.kind !== 'memory' && !config.numberKeySecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['numberKeySecret'],
        message: 'a shared state needs numberKeySecret, so every instance hashes a number to the same key and can open the sessions of the others',
      });
    }
    if (tier === 'shared-state' && config.sharedState.kind !== 'redis') {
      ctx.addIssue({
        code: 'custom',
        path: ['cache', 'secondTier', 'store'],
        message: 'the "shared-state" second tier needs sharedState.kind "redis" (on Workers use "cache-api" or "kv")',
      });
    }
    const tenantIds = new Set<string>();
    config.tenants.forEach((tenant, index) => {
      if (tenantIds.has(tenant.id)) {
        ctx.addIssue({ code: 'custom', path: ['tenants', index, 'id'], message: `tenant id "${tenant.id}" is used twice` });
      }
      tenantIds.add(tenant.id);
      checkTenantProviders(config.providers, tenant.providers, ['tenants', index, 'providers'], ctx);
      const twilio = tenant.voice?.twilio;
      if (twilio && !Object.hasOwn({ ...DEFAULT_ACTIONS, ...tenant.actions }, twilio.action)) {
        ctx.addIssue({ code: 'custom', path: ['tenants', index, 'voice', 'twilio', 'action'], message: `unknown action "${twilio.action}": one of the tenant's actions` });
      }
    });
  });

export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

/** Each tenant patch names a configured provider, keeps its id and kind, and leaves a valid provider config. */
function checkTenantProviders(
  providers: readonly ProviderConfig[],
  patches: Record<string, Record<string, unknown>> | undefined,
  path: PropertyKey[],
  ctx: z.RefinementCtx,
): void {
  for (const [providerId, patch] of Object.entries(patches ?? {})) {
    const base = providers.find((provider) => provider.id === providerId);
    if (!base) {
      ctx.addIssue({ code: 'custom', path: [...path, providerId], message: `unknown provider "${providerId}"` });
      continue;
    }
    for (const fixed of ['id', 'kind'] as const) {
      if (fixed in patch) ctx.addIssue({ code: 'custom', path: [...path, providerId, fixed], message: `a tenant cannot change a provider's ${fixed}` });
    }
    const merged = ProviderConfigSchema.safeParse(applyMergePatch(base, patch));
    for (const issue of merged.success ? [] : merged.error.issues) {
      ctx.addIssue({ code: 'custom', path: [...path, providerId, ...issue.path], message: issue.message });
    }
  }
}
