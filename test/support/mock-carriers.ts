import type { RunningMockNetwork } from '../../mocks/network.ts';

/** Where the mock network serves one carrier (`<network>/carriers/<id>`). */
export function carrierUrl(network: RunningMockNetwork, carrierId: string): string {
  const carrier = network.carriers.find((candidate) => candidate.id === carrierId);
  if (!carrier) throw new Error(`the mock network has no carrier ${carrierId}`);
  return carrier.baseUrl;
}

/** Puts back what tests change: the world, faults, request counts and every carrier's settings. */
export function resetMockNetwork(network: RunningMockNetwork): void {
  network.world.reset();
  network.faults.clear();
  network.stats.reset();
  for (const carrier of network.carriers) network.carrier(carrier.id).settings.reset();
}

/** Adds an IoT line (no SIM or device change, no forwarding, reachable for data) at `operator`. */
export function addIotLine(network: RunningMockNetwork, operator: string, phoneNumber: string): void {
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
