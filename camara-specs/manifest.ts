/** The upstream CAMARA definitions numtrust's schemas follow (files live in ../shared/camara-specs). */
export const CAMARA_SPEC_MANIFEST = [
  { api: 'sim-swap', version: '2.1.0', release: 'r3.3', file: 'sim-swap/2.1.0/sim-swap.yaml', schemas: 'camara-specs/sim-swap-v2.ts' },
] as const;
