/** Adapter configs for the mock CAMARA operators (mocks/carriers/camara/profiles.ts), and their contract inputs. */
import { generateKeyPairSync } from 'node:crypto';
import type { CamaraProviderConfigInput } from '../../adapters/camara/config.ts';
import { adapterApisOf } from '../../mocks/carriers/camara/adapter-apis.ts';
import { LIBERTY_CLIENT_KID, LIBERTY_CLIENT_PRIVATE_JWK } from '../../mocks/carriers/camara/dev-credentials.ts';
import { albion, brightwave, liberty } from '../../mocks/carriers/camara/profiles.ts';
import type { OperationId } from '../../src/contract/signals.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { neverAttached, type Arrangement, type MockNetwork } from './contract.ts';

/** `albion-v1`: only the APIs albion also serves in an older version (SIM Swap v1, Call Forwarding Signal v0.3). */
export type CamaraProfileName = 'albion' | 'albion-v1' | 'brightwave' | 'liberty';

const LIBERTY_JWK = { ...LIBERTY_CLIENT_PRIVATE_JWK } as { kty: string; kid: string; alg: string; d: string };

/** A well-formed P-256 key the liberty mock has never seen. */
function strangerJwk() {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: LIBERTY_CLIENT_KID, alg: 'ES256' } as { kty: string; kid: string; alg: string; d: string };
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
        apis:
          profile === 'albion'
            ? adapterApisOf(albion)
            : { simSwap: { version: 'v1' }, callForwardingSignal: { version: 'v0.3' } },
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
        apis: adapterApisOf(brightwave),
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
        apis: adapterApisOf(liberty),
        allowInsecureHttp: true,
      };
  }
}

/** Stats endpoint name (as the mock operators count it) of the API call behind each operation. */
export function camaraEndpoint(versions: { simSwap: 'v1' | 'v2'; callForwardingSignal: 'v0.4' | 'v0.3' }) {
  const cfs = `call-forwarding-signal/${versions.callForwardingSignal}`;
  const endpoints: Partial<Record<OperationId, string>> = {
    'sim_swap.check': `sim-swap/${versions.simSwap}/check`,
    'sim_swap.retrieve_date': `sim-swap/${versions.simSwap}/retrieve-date`,
    'device_swap.check': 'device-swap/v1/check',
    'device_swap.retrieve_date': 'device-swap/v1/retrieve-date',
    'call_forwarding.unconditional': `${cfs}/unconditional-call-forwardings`,
    'call_forwarding.services': `${cfs}/call-forwardings`,
    'reachability.retrieve': 'device-reachability-status/v1/retrieve',
    'roaming.retrieve': 'device-roaming-status/v1/retrieve',
    'call_state.retrieve': 'scam-signal/v0.3/signal',
    'number_verification.verify': 'number-verification/v2/verify',
  };
  return (operation: OperationId): string => {
    const endpoint = endpoints[operation];
    if (!endpoint) throw new Error(`no mock CAMARA endpoint for ${operation}`);
    return endpoint;
  };
}

const SWAPS: readonly OperationId[] = ['sim_swap.check', 'sim_swap.retrieve_date', 'device_swap.check', 'device_swap.retrieve_date'];
const DEVICE_STATUS: readonly OperationId[] = ['reachability.retrieve', 'roaming.retrieve'];

/** Operations each adapter config offers: what the profile serves at the chosen versions. */
export const OPERATIONS: Record<CamaraProfileName, readonly OperationId[]> = {
  albion: [...SWAPS, 'call_forwarding.unconditional', 'call_forwarding.services', ...DEVICE_STATUS, 'call_state.retrieve'],
  'albion-v1': ['sim_swap.check', 'sim_swap.retrieve_date', 'call_forwarding.unconditional', 'call_forwarding.services'],
  // No roaming, no call state at brightwave.
  brightwave: [...SWAPS, 'call_forwarding.unconditional', 'call_forwarding.services', 'reachability.retrieve'],
  // /call-forwardings answers 501 at liberty: its config leaves call_forwarding.services out.
  liberty: [...SWAPS, 'call_forwarding.unconditional', ...DEVICE_STATUS, 'call_state.retrieve'],
};

/** The Number Verification device flow (NV 2.x) on top of a profile's config: the profiles that offer it (albion, brightwave). */
export function withNumberVerification(config: CamaraProviderConfigInput): CamaraProviderConfigInput {
  return { ...config, apis: { ...config.apis, numberVerification: { version: 'v2' } } };
}

/**
 * The mock CAMARA operators' honest "cannot tell": Scam Signal isInVoiceCall null (setting
 * statusUnknownNumbers), and Device Swap's 422 "no data" for a line never attached.
 */
export function cannotTellAnswers(carrierId: string) {
  const statusUnknown: Arrangement = (network, phoneNumber) => {
    network.carrier(carrierId).settings.update({ statusUnknownNumbers: [phoneNumber] });
  };
  return { 'call_state.retrieve': statusUnknown, 'device_swap.check': neverAttached, 'device_swap.retrieve_date': neverAttached };
}

/** What every mock CAMARA operator cannot run, with the reasons. */
export const CAMARA_SKIPS = {
  'reachability.retrieve:not_supported':
    'Device Reachability Status serves IoT lines (the spec names IoT devices): the mock operators have no line outside it',
  'roaming.retrieve:not_supported':
    'Device Roaming Status serves IoT lines (the spec names IoT devices): the mock operators have no line outside it',
  'reachability.retrieve:unknown':
    'Device Reachability Status has no "cannot tell" answer: an operator that cannot tell answers 503 UNAVAILABLE, a failure (the server_error case)',
  'roaming.retrieve:unknown':
    'Device Roaming Status has no "cannot tell" answer: an operator that cannot tell answers 503 UNAVAILABLE, a failure (the server_error case)',
} as const;

/** A full-history operator refuses no look-back the API accepts (maxAge ≤ 2400 h). */
export const FULL_HISTORY_SKIPS = {
  'sim_swap.check:rejected': 'full history: every maxAge the API accepts is within it',
  'device_swap.check:rejected': 'full history: every maxAge the API accepts is within it',
} as const;

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
