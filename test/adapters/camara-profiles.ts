/** Adapter configs for the mock CAMARA operators (mocks/carriers/camara/profiles.ts), and their contract inputs. */
import { generateKeyPairSync } from 'node:crypto';
import type { CamaraProviderConfigInput } from '../../adapters/camara/config.ts';
import { LIBERTY_CLIENT_KID, LIBERTY_CLIENT_PRIVATE_JWK } from '../../mocks/carriers/camara/dev-keys.ts';
import type { OperationId } from '../../src/engine/signals.ts';
import type { MockNetwork } from './contract.ts';

export type CamaraProfileName = 'albion' | 'albion-v1' | 'brightwave' | 'liberty';

export const SIM_SWAP_OPERATIONS: readonly OperationId[] = ['sim_swap.check', 'sim_swap.retrieve_date'];

const LIBERTY_JWK = { ...LIBERTY_CLIENT_PRIVATE_JWK } as { kty: string; kid: string; alg: string; d: string };

/** A well-formed P-256 key the liberty mock has never seen. */
function strangerJwk() {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: LIBERTY_CLIENT_KID, alg: 'ES256' } as { kty: string; kid: string; alg: string; d: string };
}

export function carrierUrl(network: MockNetwork, carrierId: string): string {
  const carrier = network.carriers.find((c) => c.id === carrierId);
  if (!carrier) throw new Error(`mock network has no carrier ${carrierId}`);
  return carrier.baseUrl;
}

export function camaraConfig(
  network: MockNetwork,
  profile: CamaraProfileName,
  overrides: { badCredentials?: boolean; id?: string } = {},
): CamaraProviderConfigInput {
  const bad = overrides.badCredentials === true;
  switch (profile) {
    case 'albion':
    case 'albion-v1':
      return {
        id: overrides.id ?? profile,
        kind: 'camara',
        baseUrl: carrierUrl(network, 'albion'),
        auth: {
          flow: 'ciba',
          clientId: 'numtrust-dev',
          clientAuth: { method: 'client_secret_basic', clientSecret: bad ? 'wrong-secret' : 'albion-dev-secret' },
        },
        apis: { simSwap: { version: profile === 'albion' ? 'v2' : 'v1' } },
        allowInsecureHttp: true,
      };
    case 'brightwave':
      return {
        id: overrides.id ?? profile,
        kind: 'camara',
        baseUrl: carrierUrl(network, 'brightwave'),
        auth: {
          flow: 'client_credentials',
          clientId: 'numtrust-dev',
          clientAuth: { method: 'client_secret_post', clientSecret: bad ? 'wrong-secret' : 'brightwave-dev-secret' },
        },
        apis: { simSwap: { version: 'v2' } },
        allowInsecureHttp: true,
      };
    case 'liberty':
      return {
        id: overrides.id ?? profile,
        kind: 'camara',
        baseUrl: carrierUrl(network, 'liberty'),
        auth: {
          flow: 'ciba',
          clientId: 'numtrust-dev',
          clientAuth: { method: 'private_key_jwt', privateJwk: bad ? strangerJwk() : LIBERTY_JWK },
        },
        apis: { simSwap: { version: 'v2' } },
        allowInsecureHttp: true,
      };
  }
}

export function simSwapEndpoint(version: 'v1' | 'v2') {
  return (operation: OperationId) => (operation === 'sim_swap.check' ? `sim-swap/${version}/check` : `sim-swap/${version}/retrieve-date`);
}

/** Contract numbers per operator: a subject the suite rewrites, a number nobody serves, an IoT line. */
export interface CamaraContractNumbers {
  subject: string;
  unknownNumber: string;
  notApplicable: string;
}

/** Numbers of the default scenario (mocks/world/scenarios/default.json), plus IoT lines added by addIotLine. */
export const NUMBERS: Record<'albion' | 'brightwave' | 'liberty', CamaraContractNumbers> = {
  albion: {
    subject: '+447700900002',
    unknownNumber: '+447700900990',
    notApplicable: '+447700900008', // IoT line in the scenario
  },
  brightwave: {
    subject: '+447700900502',
    unknownNumber: '+447700900990',
    notApplicable: '+447700900598', // added by addIotLine
  },
  liberty: {
    subject: '+12025550102',
    unknownNumber: '+12025550190',
    notApplicable: '+12025550198', // added by addIotLine
  },
};

export function addIotLine(network: MockNetwork, operator: string, phoneNumber: string): void {
  network.world.put(phoneNumber, {
    operator,
    activatedAt: '1 year ago',
    simChangedAt: null,
    deviceChangedAt: null,
    forwarding: [],
    call: null,
    roaming: null,
    reachable: ['DATA'],
    lineType: 'iot',
  });
}
