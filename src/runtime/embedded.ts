/**
 * The embedded default: mock carriers over the demo world, and a gateway configuration that
 * routes the demo ranges to them with their development credentials. Node-only (it starts a server).
 */
import type { CamaraProviderConfigInput } from '../../adapters/camara/config.ts';
import { CAMARA_PROFILES, type CamaraProfile } from '../../mocks/carriers/camara/profiles.ts';
import { LIBERTY_CLIENT_PRIVATE_JWK } from '../../mocks/carriers/camara/dev-keys.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../auth/api-keys.ts';
import { parseGatewayConfig } from '../config/load.ts';
import type { GatewayConfig, GatewayConfigInput } from '../config/schema.ts';
import { SIGNAL_KINDS } from '../engine/signals.ts';

/** Which demo ranges each mock operator serves (numbers in mocks/world/scenarios/default.json). */
export const DEMO_ROUTES: ReadonlyArray<{ prefix: string; providers: string[] }> = [
  ...['0', '1', '2', '3', '4'].map((digit) => ({ prefix: `+447700900${digit}`, providers: ['albion'] })),
  ...['5', '6', '7', '8', '9'].map((digit) => ({ prefix: `+447700900${digit}`, providers: ['brightwave'] })),
  { prefix: '+1202555', providers: ['liberty'] },
];

/** Short, so a change made through the admin API shows within seconds. */
export const EMBEDDED_CACHE_TTL_SECONDS = 5;

export interface EmbeddedWorld {
  config: GatewayConfig;
  mocksUrl: string;
  apiKey: string;
  apiKeyGenerated: boolean;
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
    apis: {
      simSwap: { version: 'v2' },
      // The mock operators' auth-code flow accepts the gateway's loopback callback on any port.
      ...(profile.apis.numberVerification ? { numberVerification: { version: 'v2' as const } } : {}),
    },
    allowInsecureHttp: true,
  };
}

/** Gateway config for a running mock network: every mock CAMARA operator, the demo routes, one tenant. */
export function embeddedConfig(mocksUrl: string, apiKey: string, cacheTtlSeconds = EMBEDDED_CACHE_TTL_SECONDS): GatewayConfig {
  const input: GatewayConfigInput = {
    providers: CAMARA_PROFILES.map((profile) => camaraProviderFor(profile, `${mocksUrl}/carriers/${profile.id}`)),
    routes: DEMO_ROUTES.map((route) => ({ ...route })),
    tenants: [{ id: 'default', apiKeys: [{ id: 'dev', key: apiKey }] }],
    cache: {
      ttlSeconds: Object.fromEntries(SIGNAL_KINDS.map((kind) => [kind, cacheTtlSeconds])),
    },
  };
  return parseGatewayConfig(input, {}, 'embedded config');
}

export async function startEmbeddedWorld(options: { mocksPort: number; apiKey?: string }): Promise<EmbeddedWorld> {
  const network = await startMockNetwork({ port: options.mocksPort });
  const apiKey = options.apiKey || generateApiKey();
  const world = network.world;
  return {
    config: embeddedConfig(network.url, apiKey),
    mocksUrl: network.url,
    apiKey,
    apiKeyGenerated: !options.apiKey,
    cacheTtlSeconds: EMBEDDED_CACHE_TTL_SECONDS,
    demoNumbers: world.list().map((subscriber) => subscriber.phoneNumber),
    close: () => network.close(),
  };
}
