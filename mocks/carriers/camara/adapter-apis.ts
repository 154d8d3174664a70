/**
 * The `apis` block of a CAMARA adapter config (adapters/camara/config.ts) that speaks to a mock
 * operator: every API the profile offers, at the newest version it serves unless told otherwise.
 * For the embedded gateway config and the adapter tests.
 */
import type { CamaraProviderConfigInput } from '../../../adapters/camara/config.ts';
import type { CallForwardingVersion } from './apis/call-forwarding-signal.ts';
import type { SimSwapVersion } from './apis/sim-swap.ts';
import type { CamaraProfile } from './profiles.ts';

export type CamaraApisInput = CamaraProviderConfigInput['apis'];

export interface ApiVersionChoice {
  simSwap?: SimSwapVersion;
  callForwardingSignal?: CallForwardingVersion;
}

/** Profiles list versions newest first; `choice` picks an older one the profile also serves. */
export function adapterApisOf(profile: CamaraProfile, choice: ApiVersionChoice = {}): CamaraApisInput {
  const pick = <V extends string>(versions: readonly V[], wanted: V | undefined): V => {
    if (wanted === undefined) return versions[0]!;
    if (!versions.includes(wanted)) throw new Error(`${profile.id} does not serve version ${wanted}`);
    return wanted;
  };
  const { simSwap, deviceSwap, callForwardingSignal, deviceReachabilityStatus, deviceRoamingStatus, scamSignal } = profile.apis;
  const apis: CamaraApisInput = {};
  if (simSwap) apis.simSwap = { version: pick(simSwap.versions, choice.simSwap) };
  if (deviceSwap) apis.deviceSwap = { version: pick(deviceSwap.versions, undefined) };
  if (callForwardingSignal) {
    apis.callForwardingSignal = {
      version: pick(callForwardingSignal.versions, choice.callForwardingSignal),
      callForwardings: callForwardingSignal.callForwardings,
    };
  }
  if (deviceReachabilityStatus) apis.deviceReachabilityStatus = { version: pick(deviceReachabilityStatus.versions, undefined) };
  if (deviceRoamingStatus) apis.deviceRoamingStatus = { version: pick(deviceRoamingStatus.versions, undefined) };
  if (scamSignal) apis.scamSignal = { version: pick(scamSignal.versions, undefined) };
  return apis;
}
