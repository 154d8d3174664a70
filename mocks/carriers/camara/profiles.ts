import type { JWK } from 'jose';
import type { NumberVerificationProfile } from './apis/number-verification.ts';
import type { CallForwardingProfile } from './apis/call-forwarding-signal.ts';
import type { DeviceReachabilityProfile } from './apis/device-reachability-status.ts';
import type { DeviceRoamingProfile } from './apis/device-roaming-status.ts';
import type { DeviceSwapProfile } from './apis/device-swap.ts';
import type { ScamSignalProfile } from './apis/scam-signal.ts';
import type { SimSwapProfile } from './apis/sim-swap.ts';
import { LIBERTY_CLIENT_PUBLIC_JWK } from './dev-credentials.ts';
import { DEFAULT_CAMARA_SETTINGS, type CamaraSettingsValues } from './settings.ts';

/**
 * One profile per mock CAMARA operator. A single generic implementation (carrier.ts) reads the
 * profile, so operators differ only where real ones do: flows, client authentication, endpoint
 * spelling, API versions, retention windows, timestamp style.
 *
 * DEVELOPMENT CREDENTIALS (public, for the mocks only):
 *   albion      client_id numtrust-dev  secret albion-dev-secret      (client_secret_basic)
 *   brightwave  client_id numtrust-dev  secret brightwave-dev-secret  (client_secret_post)
 *   liberty     client_id numtrust-dev  private_key_jwt, key LIBERTY_CLIENT_PRIVATE_JWK in dev-credentials.ts
 */

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export const CLIENT_CREDENTIALS_GRANT = 'client_credentials';
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
/** Only with network-based authentication at GET /authorize (authorize.ts): Number Verification's flow. */
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';
export type GrantType = typeof CLIENT_CREDENTIALS_GRANT | typeof CIBA_GRANT | typeof AUTHORIZATION_CODE_GRANT;

export interface RegisteredClient {
  clientId: string;
  /** For client_secret_basic and client_secret_post. */
  clientSecret?: string;
  /** For private_key_jwt: the public key the client's assertions are verified with. */
  publicJwk?: JWK;
  /** Authorization-code flow: redirect URIs registered exactly. */
  redirectUris?: string[];
  /** Also accept any http redirect URI on 127.0.0.1, [::1] or localhost, any port (RFC 8252 §7.3): development clients. */
  loopbackRedirects?: boolean;
}

export interface CamaraProfile {
  /** Carrier id: mounted at /carriers/<id>. */
  id: string;
  name: string;
  /** World operators whose subscribers this operator serves. */
  operators: string[];
  /** The only client authentication method accepted at token and CIBA endpoints. */
  clientAuthMethod: ClientAuthMethod;
  clients: RegisteredClient[];
  grantTypes: GrantType[];
  /** CIBA endpoint path under the base URL, or null when the operator has no CIBA. */
  cibaPath: '/bc-authorize' | '/bc_authorize' | null;
  /** Offset used to write timestamps (`Z`, `+00:00`, `-05:00`): all are RFC 3339, clients must accept each. */
  timestampOffset: string;
  settings: CamaraSettingsValues;
  apis: {
    simSwap?: SimSwapProfile;
    deviceSwap?: DeviceSwapProfile;
    callForwardingSignal?: CallForwardingProfile;
    deviceReachabilityStatus?: DeviceReachabilityProfile;
    deviceRoamingStatus?: DeviceRoamingProfile;
    /** Live call state, GSMA Scam Signal style: a vendor definition, not a CAMARA release. */
    scamSignal?: ScamSignalProfile;
    /** Needs AUTHORIZATION_CODE_GRANT in grantTypes: its tokens come only from network-based authentication. */
    numberVerification?: NumberVerificationProfile;
  };
  /** Human notes printed by `npm run mocks` and mirrored in mocks/README.md. */
  notes: string[];
}

export const DEV_CLIENT_ID = 'numtrust-dev';

export const albion: CamaraProfile = {
  id: 'albion',
  name: 'Albion Mobile (GB)',
  operators: ['albion'],
  clientAuthMethod: 'client_secret_basic',
  clients: [{ clientId: DEV_CLIENT_ID, clientSecret: 'albion-dev-secret', loopbackRedirects: true }],
  grantTypes: [CIBA_GRANT, AUTHORIZATION_CODE_GRANT],
  cibaPath: '/bc-authorize',
  timestampOffset: 'Z',
  settings: { ...DEFAULT_CAMARA_SETTINGS },
  apis: {
    simSwap: { versions: ['v2', 'v1'], monitoredPeriodDays: null },
    deviceSwap: { versions: ['v1'], monitoredPeriodDays: null },
    callForwardingSignal: { versions: ['v0.4', 'v0.3'], callForwardings: true },
    deviceReachabilityStatus: { versions: ['v1'] },
    deviceRoamingStatus: { versions: ['v1'] },
    scamSignal: { versions: ['v0.3'] },
    numberVerification: { version: '2.1.0' },
  },
  notes: [
    '3-legged CIBA only: client_credentials -> 400 unauthorized_client',
    'Number Verification 2.1.0: authorization code at GET /authorize (PKCE S256), device recognised by the x-mock-device-ip header',
    'SIM Swap v2 and v1; full history (retrieve-date answers the activation date when never swapped)',
    'Device Swap v1 (full history); Call Forwarding Signal v0.4 and v0.3; Device Reachability and Roaming Status v1; Scam Signal v0.3 (vendor definition)',
  ],
};

export const brightwave: CamaraProfile = {
  id: 'brightwave',
  name: 'Brightwave (GB)',
  operators: ['brightwave'],
  clientAuthMethod: 'client_secret_post',
  clients: [{ clientId: DEV_CLIENT_ID, clientSecret: 'brightwave-dev-secret', loopbackRedirects: true }],
  grantTypes: [CLIENT_CREDENTIALS_GRANT, CIBA_GRANT, AUTHORIZATION_CODE_GRANT],
  cibaPath: '/bc_authorize',
  timestampOffset: '+00:00',
  settings: { ...DEFAULT_CAMARA_SETTINGS },
  apis: {
    simSwap: { versions: ['v2'], monitoredPeriodDays: 7 },
    deviceSwap: { versions: ['v1'], monitoredPeriodDays: 7 },
    callForwardingSignal: { versions: ['v0.3'], callForwardings: true },
    deviceReachabilityStatus: { versions: ['v1'] },
    numberVerification: { version: '2.0.0' },
  },
  notes: [
    '2-legged client credentials (phoneNumber in the body); CIBA also offered at /bc_authorize (underscore)',
    'Number Verification 2.0.0 (x-correlator ^[a-zA-Z0-9-]{0,55}$): authorization code at GET /authorize, device by x-mock-device-ip',
    'SIM Swap v2 only; 7-day legal window: maxAge > 168 -> 400 OUT_OF_RANGE, older changes -> latestSimChange null + monitoredPeriod 7',
    'Device Swap v1 (7-day window); Call Forwarding Signal v0.3 only (404 CALL_FORWARDING.UNKNOWN_PHONE_NUMBER); Device Reachability v1; no Roaming, no Scam Signal',
  ],
};

export const liberty: CamaraProfile = {
  id: 'liberty',
  name: 'Liberty Wireless (US)',
  operators: ['liberty'],
  clientAuthMethod: 'private_key_jwt',
  clients: [{ clientId: DEV_CLIENT_ID, publicJwk: LIBERTY_CLIENT_PUBLIC_JWK }],
  grantTypes: [CIBA_GRANT],
  cibaPath: '/bc_authorize',
  timestampOffset: '-05:00',
  settings: { ...DEFAULT_CAMARA_SETTINGS },
  apis: {
    simSwap: { versions: ['v2'], monitoredPeriodDays: 90 },
    deviceSwap: { versions: ['v1'], monitoredPeriodDays: 90 },
    callForwardingSignal: { versions: ['v0.4'], callForwardings: false },
    deviceReachabilityStatus: { versions: ['v1'] },
    deviceRoamingStatus: { versions: ['v1'] },
    scamSignal: { versions: ['v0.3'] },
  },
  notes: [
    '3-legged CIBA only at /bc_authorize; client_credentials -> 400 unauthorized_client',
    'private_key_jwt (ES256, aud = issuer or the endpoint URL, exp - iat <= 300 s, single-use jti)',
    'SIM Swap v2 only; 90-day window (maxAge > 2160 -> OUT_OF_RANGE); timestamps written with a -05:00 offset',
    'Device Swap v1 (90-day window); Call Forwarding Signal v0.4 with /call-forwardings -> 501 NOT_IMPLEMENTED; Device Reachability and Roaming Status v1; Scam Signal v0.3',
  ],
};

export const CAMARA_PROFILES: readonly CamaraProfile[] = [albion, brightwave, liberty];
