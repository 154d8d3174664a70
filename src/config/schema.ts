import { z } from 'zod';
import { CamaraProviderConfigSchema } from '../../adapters/camara/config.ts';
import { NokiaProviderConfigSchema } from '../../adapters/nokia/config.ts';
import { TelesignProviderConfigSchema } from '../../adapters/telesign/config.ts';
import { TwilioProviderConfigSchema } from '../../adapters/twilio/config.ts';
import { VonageProviderConfigSchema } from '../../adapters/vonage/config.ts';
import { RISK_TIERS, ScoringOverrideSchema } from '../engine/assessment/policy.ts';
import { SIGNAL_KINDS } from '../engine/signals.ts';
import { NumberVerificationSettingsSchema } from '../routes/number-verification/settings.ts';

/** Every kind of upstream numtrust can be configured with. */
export const ProviderConfigSchema = z.discriminatedUnion('kind', [
  CamaraProviderConfigSchema,
  NokiaProviderConfigSchema,
  TelesignProviderConfigSchema,
  TwilioProviderConfigSchema,
  VonageProviderConfigSchema,
]);
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

const ApiKeySchema = z.union([
  z.strictObject({ id: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256') }),
  /** A plain key (usually `{ "$env": "NAME" }`): hashed at load, never kept. */
  z.strictObject({ id: z.string().min(1), key: z.string().min(16, 'API keys are at least 16 characters') }),
]);

export const TenantSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase id'),
  apiKeys: z.array(ApiKeySchema).min(1),
  /** Named actions and their risk tier (added to, or replacing, the defaults in src/engine/assessment/policy-book.ts). */
  actions: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case action name'), z.enum(RISK_TIERS)).optional(),
  /** This tenant's changes to the scoring model. */
  scoring: ScoringOverrideSchema,
});

const ttlSeconds = z.number().int().min(0).max(86_400);

export const GatewayConfigSchema = z
  .strictObject({
    server: z
      .strictObject({
        bodyLimitBytes: z.number().int().min(256).max(1_048_576).default(16_384),
        /** Deadline of one northbound request, retries and failover included. */
        requestDeadlineMs: z.number().int().min(50).max(60_000).default(8_000),
        /** Upper bound of one upstream attempt. */
        attemptTimeoutMs: z.number().int().min(50).max(60_000).default(6_000),
      })
      .prefault({}),
    providers: z.array(ProviderConfigSchema).min(1),
    routes: z.array(RouteSchema).min(1),
    tenants: z.array(TenantSchema).min(1),
    cache: z
      .strictObject({
        maxEntries: z.number().int().min(1).default(50_000),
        ttlSeconds: z.partialRecord(z.enum(SIGNAL_KINDS), ttlSeconds).default({}),
      })
      .prefault({}),
    /** Changes to the default scoring model for every tenant (docs/scoring.md). */
    scoring: ScoringOverrideSchema,
    assessment: z
      .strictObject({
        /** Deadline of an assessment when the request names none. */
        defaultDeadlineMs: z.number().int().min(50).max(60_000).default(2_500),
        /** SIM swap look-back of an assessment when the request names none, hours. */
        defaultMaxAgeHours: z.number().int().min(1).max(2400).default(168),
      })
      .prefault({}),
    breaker: z
      .strictObject({
        errorThresholdPercentage: z.number().min(1).max(100).optional(),
        volumeThreshold: z.number().int().min(1).optional(),
        resetTimeoutMs: z.number().int().min(100).optional(),
        rollingWindowMs: z.number().int().min(100).optional(),
      })
      .prefault({}),
    numberVerification: NumberVerificationSettingsSchema,
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
    const tenantIds = new Set<string>();
    config.tenants.forEach((tenant, index) => {
      if (tenantIds.has(tenant.id)) {
        ctx.addIssue({ code: 'custom', path: ['tenants', index, 'id'], message: `tenant id "${tenant.id}" is used twice` });
      }
      tenantIds.add(tenant.id);
    });
  });

export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
