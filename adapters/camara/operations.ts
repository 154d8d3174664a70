/**
 * The CAMARA APIs the generic client speaks, by their key under `apis` in the provider config.
 * Adding an API = a module producing CamaraOperations + one line here + one key in config.ts.
 */
import type { CamaraApisConfig } from './config.ts';
import type { AnyCamaraOperation } from './api-operation.ts';
import { callForwardingSignalOperations } from './call-forwarding-signal.ts';
import { deviceReachabilityOperations, deviceRoamingOperations } from './device-status.ts';
import { deviceSwapOperations } from './device-swap.ts';
import { scamSignalOperations } from './scam-signal.ts';
import { simSwapOperations } from './sim-swap.ts';

export function configuredOperations(apis: CamaraApisConfig): AnyCamaraOperation[] {
  const operations: AnyCamaraOperation[] = [];
  if (apis.simSwap) operations.push(...simSwapOperations(apis.simSwap));
  if (apis.deviceSwap) operations.push(...deviceSwapOperations(apis.deviceSwap));
  if (apis.callForwardingSignal) operations.push(...callForwardingSignalOperations(apis.callForwardingSignal));
  if (apis.deviceReachabilityStatus) operations.push(...deviceReachabilityOperations(apis.deviceReachabilityStatus));
  if (apis.deviceRoamingStatus) operations.push(...deviceRoamingOperations(apis.deviceRoamingStatus));
  if (apis.scamSignal) operations.push(...scamSignalOperations(apis.scamSignal));
  return operations;
}
