/**
 * The embedded default: mock carriers over the demo world, and a gateway configuration that
 * routes the demo ranges to them with their development credentials. Node-only (it starts a server).
 */
import type { CamaraProviderConfigInput } from '../../adapters/camara/config.ts';
import { adapterApisOf } from '../../mocks/carriers/camara/adapter-apis.ts';
import { CAMARA_PROFILES, type CamaraProfile } from '../../mocks/carriers/camara/profiles.ts';
import { LIBERTY_CLIENT_PRIVATE_JWK } from '../../mocks/carriers/camara/dev-credentials.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../auth/api-keys.ts';
import { ConfigError, parseGatewayConfig } from '../config/load.ts';
import { DEFAULT_CACHE_SETTINGS } from '../resilience/signal-cache.ts';
import type { EnvSource } from '../config/env-refs.ts';
import type { GatewayConfig, GatewayConfigInput, ProviderConfigInput } from '../config/schema.ts';
import type { RouteRule } from '../engine/routing.ts';
import { AGGREGATOR_CARRIERS } from '../../mocks/carriers/registry.ts';
import { SIGNAL_KINDS } from '../contract/signals.ts';
import { CorsOrigin } from '../routes/cors.ts';

/**
 * The demo ranges (numbers in mocks/world/scenarios/default.json) and who answers for them, in
 * order: the operator direct first, then aggregators when it cannot answer. Telesign comes first
 * for the on-hook check because it tells the call's direction (the operators' Scam Signal does
 * not), and for the line type, which every PhoneID answer carries (a "VoIP" that does not say
 * whether it is fixed goes on to Twilio's Line Type Intelligence, which does).
 * Number Verification: albion and brightwave themselves; liberty offers none, so its range is
 * verified through Nokia NaC (its development provider turns the device flow on), which also backs
 * brightwave up.
 */
const ON_HOOK_FIRST = { id: 'telesign', signals: ['call_state' as const, 'line_type' as const] };
export const DEMO_ROUTES: ReadonlyArray<RouteRule> = [
  ...['0', '1', '2', '3', '4'].map((digit) => ({
    prefix: `+447700900${digit}`,
    providers: [ON_HOOK_FIRST, 'albion', 'twilio', 'vonage'],
  })),
  ...['5', '6', '7', '8', '9'].map((digit) => ({
    prefix: `+447700900${digit}`,
    providers: [ON_HOOK_FIRST, 'brightwave', 'nokia', 'twilio', 'vonage'],
  })),
  { prefix: '+1202555', providers: ['liberty', 'nokia', 'twilio', 'telesign', 'vonage'] },
  // Fixed lines, toll-free (0808 157 0xxx) and premium-rate (0909 879 0xxx) numbers Albion also
  // serves (a converged operator): no SIM, so most checks do not apply.
  ...['+44207946', '+448081570', '+449098790'].map((prefix) => ({ prefix, providers: [ON_HOOK_FIRST, 'albion', 'twilio', 'vonage'] })),
];

/** Every mock aggregator, with the mock's development credentials. */
function aggregatorProviders(mocksUrl: string): ProviderConfigInput[] {
  return AGGREGATOR_CARRIERS.map((carrier) => carrier.devProvider(`${mocksUrl}/carriers/${carrier.id}`));
}

/** Short, so a change made through the admin API shows within seconds. */
export const EMBEDDED_CACHE_TTL_SECONDS = 5;

export interface EmbeddedWorld {
  config: GatewayConfig;
  mocksUrl: string;
  apiKey: string;
  apiKeyGenerated: boolean;
  /** Signs the calls to tenant default's Twilio webhook (NUMTRUST_TWILIO_AUTH_TOKEN). */
  twilioAuthToken: string;
  twilioAuthTokenGenerated: boolean;
  /** Tenant default's Twilio webhook (EMBEDDED_TWILIO_WEBHOOK_PATH). */
  twilioWebhookPath: string;
  cacheTtlSeconds: number;
  demoNumbers: string[];
  close(): Promise<void>;
}

function clientAuthOf(profile: CamaraProfile): CamaraProviderConfigInput['auth']['clientAuth'] {
  const client = profile.clients[0]!;
  if (profile.clientAuthMethod === 'private_key_jwt') {
    return { method: 'private_key_jwt', privateJwk: LIBERTY_CLIENT_PRIVATE_JWK as never };
  }
  return { method: profile.clientAuthMethod, clientSecret: client.clientSecret! };
}

/** The gateway asks each mock operator for exactly the APIs (newest version) its profile offers. */
function camaraApisOf(profile: CamaraProfile): CamaraProviderConfigInput['apis'] {
  return {
    ...adapterApisOf(profile),
    // The mock operators' auth-code flow accepts the gateway's loopback callback on any port.
    ...(profile.apis.numberVerification ? { numberVerification: { version: 'v2' as const } } : {}),
  };
}

export function camaraProviderFor(profile: CamaraProfile, baseUrl: string): CamaraProviderConfigInput {
  return {
    id: profile.id,
    kind: 'camara',
    baseUrl,
    auth: {
      flow: profile.grantTypes.includes('client_credentials') ? 'client_credentials' : 'ciba',
      clientId: profile.clients[0]!.clientId,
      clientAuth: clientAuthOf(profile),
    },
    apis: camaraApisOf(profile),
    allowInsecureHttp: true,
  };
}

/** The path of tenant default's Twilio webhook. */
export const EMBEDDED_TWILIO_WEBHOOK_PATH = '/v1/voice/twilio/default';

/**
 * Tenant default's Twilio webhook: the verdict spoken, so a real Twilio number pointed at the
 * embedded gateway tells its caller what numtrust decided (a tenant's own config redirects to its
 * flows or enqueues to its agents: docs/ivr.md).
 */
export function embeddedTwilioWebhook(authToken: string) {
  const spoken = (recommendation: string) => ({ verb: 'hangup' as const, say: `numtrust recommends ${recommendation} for this call.` });
  return {
    authToken,
    action: 'change_address',
    answers: { allow: spoken('allow'), step_up: spoken('a step up'), specialist: spoken('a specialist'), deny: spoken('deny') },
    fallback: { verb: 'say' as const, say: 'numtrust could not assess this call.' },
  };
}

/** A development Twilio auth token: 32 hex characters, like Twilio's. */
export function generateTwilioAuthToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * NUMTRUST_CORS_ORIGINS: browser origins (comma-separated) allowed to call the embedded tenant,
 * e.g. a page under development (docs/client.md); a bad one stops the start, naming the variable.
 */
function corsOriginsFrom(env: EnvSource): { corsOrigins?: string[] } {
  const origins = (env.NUMTRUST_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of origins) {
    const parsed = CorsOrigin.safeParse(origin);
    if (!parsed.success) throw new ConfigError(`NUMTRUST_CORS_ORIGINS: "${origin}" is not an origin (${parsed.error.issues[0]?.message}); write e.g. http://127.0.0.1:8090`);
  }
  return origins.length > 0 ? { corsOrigins: origins } : {};
}

export interface EmbeddedConfigOptions {
  /** Signs the calls to tenant default's Twilio webhook; generated when absent. */
  twilioAuthToken?: string;
  /** May add a shared state and its secret (NUMTRUST_REDIS_URL, NUMTRUST_NUMBER_KEY_SECRET) and browser origins (NUMTRUST_CORS_ORIGINS). */
  env?: EnvSource;
}

/**
 * Gateway config for a running mock network: every mock CAMARA operator, the demo routes, one
 * tenant. (The cache TTL stays the third argument: bench:compare builds older commits' configs
 * with the same three arguments.)
 */
export function embeddedConfig(
  mocksUrl: string,
  apiKey: string,
  cacheTtlSeconds = EMBEDDED_CACHE_TTL_SECONDS,
  { twilioAuthToken = generateTwilioAuthToken(), env = {} }: EmbeddedConfigOptions = {},
): GatewayConfig {
  const input: GatewayConfigInput = {
    providers: [
      ...CAMARA_PROFILES.map((profile) => camaraProviderFor(profile, `${mocksUrl}/carriers/${profile.id}`)),
      ...aggregatorProviders(mocksUrl),
    ],
    routes: DEMO_ROUTES.map((route) => ({
      prefix: route.prefix,
      providers: route.providers.map((link) => (typeof link === 'string' ? link : { id: link.id, signals: link.signals && [...link.signals] })),
    })),
    tenants: [{ id: 'default', apiKeys: [{ id: 'dev', key: apiKey }], voice: { twilio: embeddedTwilioWebhook(twilioAuthToken) }, ...corsOriginsFrom(env) }],
    cache: {
      // Shorter than production's, so world changes show; but what production never caches (whether a
      // handset is on a call right now) is never cached here either: a spoofing test must see it live.
      ttlSeconds: Object.fromEntries(SIGNAL_KINDS.filter((kind) => DEFAULT_CACHE_SETTINGS.ttlSeconds[kind] > 0).map((kind) => [kind, cacheTtlSeconds])),
    },
  };
  return parseGatewayConfig(input, env, 'embedded config');
}

export async function startEmbeddedWorld(options: { mocksPort: number; apiKey?: string; twilioAuthToken?: string; env?: EnvSource }): Promise<EmbeddedWorld> {
  const network = await startMockNetwork({ port: options.mocksPort });
  const apiKey = options.apiKey || generateApiKey();
  const twilioAuthToken = options.twilioAuthToken || generateTwilioAuthToken();
  let config: GatewayConfig;
  try {
    config = embeddedConfig(network.url, apiKey, EMBEDDED_CACHE_TTL_SECONDS, { twilioAuthToken, env: options.env });
  } catch (error) {
    await network.close();
    throw error;
  }
  return {
    config,
    mocksUrl: network.url,
    apiKey,
    apiKeyGenerated: !options.apiKey,
    twilioAuthToken,
    twilioAuthTokenGenerated: !options.twilioAuthToken,
    twilioWebhookPath: EMBEDDED_TWILIO_WEBHOOK_PATH,
    cacheTtlSeconds: EMBEDDED_CACHE_TTL_SECONDS,
    demoNumbers: network.world.list().map((subscriber) => subscriber.phoneNumber),
    close: () => network.close(),
  };
}
