/**
 * The vendors' real origins, as their official SDKs call them, per kind of mock carrier. A request
 * to one of these origins is answered by that carrier (any path: the carrier answers unknown paths
 * in the vendor's own way).
 */
import type { CarrierKind } from '../carriers/carrier.ts';

export type VendorKind = Exclude<CarrierKind, 'camara'>;

/** An exact origin (`https://host[:port]`), or a pattern tested against the origin. */
export type OriginMatcher = string | RegExp;

export const VENDOR_ORIGINS: Readonly<Record<VendorKind, readonly OriginMatcher[]>> = {
  // The SDK builds `lookups.{edge}.{region}.twilio.com` from `edge` / `region` (GB numbers need ie1).
  twilio: ['https://lookups.twilio.com', /^https:\/\/lookups(\.[a-z0-9-]+){1,2}\.twilio\.com$/],
  // The docs name rest-ww; the SDKs' older default is rest-api.
  telesign: ['https://rest-ww.telesign.com', 'https://rest-api.telesign.com'],
  // Identity Insights: the SDK posts to its Europe host.
  vonage: ['https://api-eu.vonage.com', 'https://api.nexmo.com'],
  // RapidAPI's EU gateway for Network as Code (and its dev listing); it routes on x-rapidapi-host.
  nokia: ['https://network-as-code.p-eu.rapidapi.com', 'https://network-as-code1.p-eu.rapidapi.com'],
};

export function originMatches(matchers: readonly OriginMatcher[], origin: string): boolean {
  return matchers.some((matcher) => (typeof matcher === 'string' ? normalizeOrigin(matcher) === origin : matcher.test(origin)));
}

/** `https://Host/` → `https://host`: the form `URL.origin` gives. */
export function normalizeOrigin(url: string): string {
  return new URL(url).origin;
}
