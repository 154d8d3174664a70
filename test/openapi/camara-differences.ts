/**
 * Where numtrust's CAMARA-compatible operations deliberately differ from the official
 * definitions, and why (docs/api.md lists the same). The conformance test fails on any
 * difference not listed here, and on any listed difference that is gone.
 */

export interface DeliberateDifference {
  /** Our paths it applies to, or every CAMARA route. */
  paths: readonly string[] | 'every';
  difference: string;
  reason: string;
}

const CALL_FORWARDING = ['/call-forwarding-signal/v0.4/unconditional-call-forwardings', '/call-forwarding-signal/v0.4/call-forwardings'];
const DEVICE_STATUS = ['/device-reachability-status/v1/retrieve', '/device-roaming-status/v1/retrieve'];
const DEVICE_SWAP = ['/device-swap/v1/check', '/device-swap/v1/retrieve-date'];
const SIM_SWAP = ['/sim-swap/v2/check', '/sim-swap/v2/retrieve-date'];

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    paths: 'every',
    difference: 'error 403 PERMISSION_DENIED only in CAMARA',
    reason: 'API keys carry no scopes: a key either names a tenant or gets 401 UNAUTHENTICATED',
  },
  {
    paths: 'every',
    difference: 'error 404 NOT_FOUND only in CAMARA',
    reason: 'these operations always exist; an unknown number is 404 IDENTIFIER_NOT_FOUND (NOT_FOUND is for unknown paths)',
  },
  {
    paths: 'every',
    difference: 'error 422 UNNECESSARY_IDENTIFIER only in CAMARA',
    reason: 'numtrust has no three-legged tokens: the number always comes in the body, so it is never unnecessary',
  },
  {
    paths: 'every',
    difference: 'error 415 UNSUPPORTED_MEDIA_TYPE only in numtrust',
    reason: 'a body sent as anything but JSON is refused as such (Commonalities code, not listed by the APIs)',
  },
  {
    paths: 'every',
    difference: 'error 408 REQUEST_TIMEOUT only in numtrust',
    reason: 'a body still arriving at the request deadline is refused and its connection closed (Commonalities has no 408 code)',
  },
  {
    paths: 'every',
    difference: 'error 413 CONTENT_TOO_LARGE only in numtrust',
    reason: 'a body over the gateway\'s limit is refused before it is read; Commonalities has no 413 code, so it is named after its HTTP status',
  },
  {
    paths: 'every',
    difference: 'error 502 BAD_GATEWAY only in numtrust',
    reason: 'a gateway in front of providers: a provider that refuses our request or credentials is not the caller\'s mistake',
  },
  {
    paths: 'every',
    difference: 'error 504 TIMEOUT only in numtrust',
    reason: 'the request deadline passed before any provider answered',
  },
  {
    paths: [...SIM_SWAP, ...DEVICE_SWAP, ...CALL_FORWARDING],
    difference: 'error 503 UNAVAILABLE only in numtrust',
    reason: 'every provider of the number failed or has its breaker open (with Retry-After when known); the device-status APIs list 503 themselves',
  },
  {
    paths: DEVICE_SWAP,
    difference: 'error 429 TOO_MANY_REQUESTS only in numtrust',
    reason: "the tenant's rate limit applies to every route; Device Swap 1.0 lists no 429",
  },
  {
    paths: DEVICE_SWAP,
    difference: 'error 429 QUOTA_EXCEEDED only in numtrust',
    reason: "the tenant's daily cap on upstream calls applies to every route; Device Swap 1.0 lists no 429",
  },
  {
    paths: [...CALL_FORWARDING, ...DEVICE_STATUS, '/device-swap/v1/retrieve-date'],
    difference: 'error 400 OUT_OF_RANGE only in numtrust',
    reason: 'passed on when the provider answers it; these definitions list only INVALID_ARGUMENT for 400',
  },
  {
    paths: ['/call-forwarding-signal/v0.4/call-forwardings'],
    difference: 'error 501 NOT_IMPLEMENTED only in CAMARA',
    reason: 'a provider without the service is skipped; when none offers it the answer is 422 SERVICE_NOT_APPLICABLE',
  },
  {
    paths: ['/call-forwarding-signal/v0.4/unconditional-call-forwardings'],
    difference: 'response $.active: required only in numtrust',
    reason: 'numtrust always says whether forwarding is active; an answer without it is never a fact',
  },
  ...['networkAccessIdentifier', 'ipv4Address', 'ipv6Address'].map((identifier) => ({
    paths: DEVICE_STATUS,
    difference: `response $.device.${identifier}: only in CAMARA`,
    reason: 'numtrust routes by phone number only, so the device it echoes is always device.phoneNumber',
  })),
  {
    paths: DEVICE_STATUS,
    difference: 'response $.device.phoneNumber: required only in numtrust',
    reason: 'when numtrust echoes a device (the request named more than one identifier), it is always the phone number it used',
  },
  {
    paths: ['/sim-swap/v2/retrieve-date', '/device-swap/v1/retrieve-date'],
    difference: 'response $.monitoredPeriod: minimum 0 here, undefined in CAMARA',
    reason: 'a retention window is a count of days: a negative one from a provider is garbled and never read as "no change"',
  },
  {
    paths: ['/device-roaming-status/v1/retrieve'],
    difference: 'response $.countryCode: minimum 0 here, undefined in CAMARA',
    reason: 'countryCode is a mobile country code (three digits); anything else from a provider is garbled',
  },
  {
    paths: ['/device-roaming-status/v1/retrieve'],
    difference: 'response $.countryCode: maximum 999 here, undefined in CAMARA',
    reason: 'countryCode is a mobile country code (three digits); anything else from a provider is garbled',
  },
];

/** The listed differences as `<path> <difference>` lines. */
export function declaredDifferences(paths: readonly string[]): string[] {
  return DELIBERATE_DIFFERENCES.flatMap(({ paths: applies, difference }) =>
    (applies === 'every' ? paths : applies).map((path) => `${path} ${difference}`),
  );
}
