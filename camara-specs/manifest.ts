/** The upstream CAMARA definitions numtrust's northbound schemas follow (files in ../shared/camara-specs). */
export const CAMARA_SPEC_MANIFEST = [
  { api: 'sim-swap', version: '2.1.0', release: 'r3.3', basePath: '/sim-swap/v2', file: 'sim-swap/2.1.0/sim-swap.yaml', schemas: 'camara-specs/sim-swap-v2.ts' },
  { api: 'device-swap', version: '1.0.0', release: 'r3.2', basePath: '/device-swap/v1', file: 'device-swap/1.0.0/device-swap.yaml', schemas: 'camara-specs/device-swap-v1.ts' },
  { api: 'call-forwarding-signal', version: '0.4.0', release: 'r3.3', basePath: '/call-forwarding-signal/v0.4', file: 'call-forwarding-signal/0.4.0/call-forwarding-signal.yaml', schemas: 'camara-specs/call-forwarding-signal-v0.4.ts' },
  { api: 'device-reachability-status', version: '1.1.0', release: 'r1.2', basePath: '/device-reachability-status/v1', file: 'device-reachability-status/1.1.0/device-reachability-status.yaml', schemas: 'camara-specs/device-status-v1.ts' },
  { api: 'device-roaming-status', version: '1.1.0', release: 'r1.2', basePath: '/device-roaming-status/v1', file: 'device-roaming-status/1.1.0/device-roaming-status.yaml', schemas: 'camara-specs/device-status-v1.ts' },
] as const;
