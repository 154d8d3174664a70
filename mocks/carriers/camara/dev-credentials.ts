import type { JWK } from 'jose';

/**
 * PUBLIC TEST KEY — DEVELOPMENT ONLY. NOT A SECRET.
 *
 * The EC P-256 key pair the client `numtrust-dev` uses for `private_key_jwt` at the mock operator
 * `liberty`. The private half is committed on purpose so the gateway's embedded development
 * config and the tests can sign client assertions; the mock holds only the public half.
 * Never register this key with a real operator.
 */
export const LIBERTY_CLIENT_KID = 'numtrust-dev-liberty-2026';

export const LIBERTY_CLIENT_PRIVATE_JWK: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: '88X9TFDCMplrk0qys-eS7z8COj0aloVwRQ-OhpJAFuQ',
  y: 'RCjSS_ercOSopUgNGQosyR_ORYh64ai90G40bL4WYYo',
  d: 'OAptRwbSBs8pq9-TZwpgAI_Rtp5Lr-fsZEKpuS_epJk',
  kid: LIBERTY_CLIENT_KID,
  alg: 'ES256',
  use: 'sig',
};

export const LIBERTY_CLIENT_PUBLIC_JWK: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: LIBERTY_CLIENT_PRIVATE_JWK.x!,
  y: LIBERTY_CLIENT_PRIVATE_JWK.y!,
  kid: LIBERTY_CLIENT_KID,
  alg: 'ES256',
  use: 'sig',
};
