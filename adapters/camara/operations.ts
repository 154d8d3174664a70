/**
 * The CAMARA APIs the generic client speaks, by their key under `apis` in the provider config.
 * Adding an API = a module producing CamaraOperations + one line here + one key in config.ts.
 */
import type { CamaraApisConfig } from './config.ts';
import type { CamaraOperationTable } from './api-operation.ts';
import { callForwardingSignalOperations } from './call-forwarding-signal.ts';
import { deviceReachabilityOperations, deviceRoamingOperations } from './device-status.ts';
import { deviceSwapOperations } from './device-swap.ts';
import { scamSignalOperations } from './scam-signal.ts';
import { simSwapOperations } from './sim-swap.ts';

export function configuredOperations(apis: CamaraApisConfig): CamaraOperationTable {
  return {
    ...(apis.simSwap && simSwapOperations(apis.simSwap)),
    ...(apis.deviceSwap && deviceSwapOperations(apis.deviceSwap)),
    ...(apis.callForwardingSignal && callForwardingSignalOperations(apis.callForwardingSignal)),
    ...(apis.deviceReachabilityStatus && deviceReachabilityOperations(apis.deviceReachabilityStatus)),
    ...(apis.deviceRoamingStatus && deviceRoamingOperations(apis.deviceRoamingStatus)),
    ...(apis.scamSignal && scamSignalOperations(apis.scamSignal)),
  };
}
