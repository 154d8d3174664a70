/**
 * A third, test-only Telesign client: the digest signature computed with node:crypto the way the
 * Telesign SDKs document it, written apart from the adapter's signer and the mock's verifier.
 * Every part of a request can be overridden, so tests can break exactly one thing.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface ReferenceSignInput {
  method: string;
  contentType: string;
  date: string;
  nonce: string;
  body: string;
  resource: string;
}

/** METHOD, Content-Type, Date, x-ts-auth-method, x-ts-nonce, [body], resource — one per line. */
export function referenceSignature(apiKey: string, input: ReferenceSignInput): string {
  const parts = [input.method, input.contentType, input.date, 'x-ts-auth-method:HMAC-SHA256', `x-ts-nonce:${input.nonce}`];
  if (input.contentType && input.body) parts.push(input.body);
  parts.push(input.resource);
  // Like the SDKs' base64 decoders, ignore characters outside the base64 alphabet.
  const key = Buffer.from(apiKey.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  return createHmac('sha256', key).update(parts.join('\n'), 'utf8').digest('base64');
}

export interface PhoneIdCall {
  baseUrl: string;
  customerId: string;
  apiKey: string;
  /** Digits with country code, no '+'; undefined = POST /v1/phoneid (number in the body). */
  digits?: string;
  body?: unknown;
  contentType?: string;
  auth?: 'tsa' | 'basic' | 'none';
  /** Sign as of this instant (default now). */
  dateMs?: number;
  date?: string;
  nonce?: string;
  /** Sign this resource instead of the one requested. */
  signedResource?: string;
  /** Sign this body instead of the one sent. */
  signedBody?: string;
  /** Extra or replacing headers, applied last (undefined removes). */
  headers?: Record<string, string | undefined>;
  method?: string;
}

export interface PhoneIdReply {
  status: number;
  headers: Headers;
  json: any;
}

export async function callPhoneId(call: PhoneIdCall): Promise<PhoneIdReply> {
  const resource = call.digits === undefined ? '/v1/phoneid' : `/v1/phoneid/${call.digits}`;
  const contentType = call.contentType ?? 'application/json';
  const body = call.body === undefined ? '' : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  const method = call.method ?? 'POST';
  const headers: Record<string, string> = { 'content-type': contentType };
  const auth = call.auth ?? 'tsa';
  if (auth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${call.customerId}:${call.apiKey}`).toString('base64')}`;
  } else if (auth === 'tsa') {
    const date = call.date ?? new Date(call.dateMs ?? Date.now()).toUTCString();
    const nonce = call.nonce ?? randomUUID();
    const signature = referenceSignature(call.apiKey, {
      method,
      contentType,
      date,
      nonce,
      body: call.signedBody ?? body,
      resource: call.signedResource ?? resource,
    });
    Object.assign(headers, {
      authorization: `TSA ${call.customerId}:${signature}`,
      date,
      'x-ts-auth-method': 'HMAC-SHA256',
      'x-ts-nonce': nonce,
    });
  }
  for (const [name, value] of Object.entries(call.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const response = await fetch(call.baseUrl + resource, { method, headers, body: method === 'GET' ? undefined : body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}
