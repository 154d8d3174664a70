/**
 * Telesign request authentication, runtime-free (Web Crypto by default or the runtime's own HMAC).
 *
 * Digest ("TSA"): Authorization `TSA <customerId>:<signature>` where signature =
 * base64(HMAC-SHA256(key = base64-decoded API key, message = stringToSign)) and
 *   stringToSign = METHOD \n Content-Type (POST/PUT only, else empty) \n Date
 *                  \n x-ts-auth-method:HMAC-SHA256 \n x-ts-nonce:<nonce> [\n body] \n resource
 * Every request gets its own Date and nonce: Telesign refuses a stale Date and a reused nonce.
 */

import { fromBase64, toBase64 } from '../../src/contract/encoding.ts';
import { webCryptoHmacSha256, type HmacSha256 } from '../../src/contract/hmac.ts';

export const TSA_AUTH_METHOD = 'HMAC-SHA256';

export interface SignableRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the REST root, e.g. `/v1/phoneid/447700900001`. */
  resource: string;
  contentType: string;
  body: string;
  /** RFC 1123 date, sent as the Date header. */
  date: string;
  nonce: string;
}

export function tsaStringToSign(request: SignableRequest): string {
  const withBody = request.method === 'POST' || request.method === 'PUT';
  const contentType = withBody ? request.contentType : '';
  let text = `${request.method}\n${contentType}\n${request.date}\nx-ts-auth-method:${TSA_AUTH_METHOD}\nx-ts-nonce:${request.nonce}`;
  if (contentType !== '' && request.body !== '') text += `\n${request.body}`;
  return `${text}\n${request.resource}`;
}

/** HMAC-SHA256 of a string to sign under the API key's bytes. */
export type TsaSigner = (stringToSign: string) => Uint8Array | Promise<Uint8Array>;

/** A signer for an API key through the given HMAC (the runtime's own, or Web Crypto); make one per adapter. */
export function tsaSigner(apiKeyBase64: string, hmac: HmacSha256 = webCryptoHmacSha256): TsaSigner {
  return hmac(fromBase64(apiKeyBase64));
}

/** The HMAC key of an API key; import once per adapter. */
export function importTsaKey(apiKeyBase64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64(apiKeyBase64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Authorization, Date, x-ts-auth-method and x-ts-nonce for one request. */
export async function tsaHeaders(customerId: string, key: CryptoKey | TsaSigner, request: SignableRequest): Promise<Record<string, string>> {
  const text = tsaStringToSign(request);
  const mac = typeof key === 'function' ? await key(text) : new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
  const signature = toBase64(mac);
  return {
    authorization: `TSA ${customerId}:${signature}`,
    date: request.date,
    'x-ts-auth-method': TSA_AUTH_METHOD,
    'x-ts-nonce': request.nonce,
  };
}



/** RFC 1123 (the HTTP date form RFC 822 and 2616 allow): `Tue, 31 Jan 2017 14:51:26 GMT`. */
export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

