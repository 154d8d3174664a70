/** The CAMARA wire → outcome table, response by response (the contract suite covers it end to end). */
import { describe, expect, it } from 'vitest';
import { mapCamaraErrorResponse } from '../../adapters/camara/errors.ts';
import { parseRetryAfter, quotedUpstreamText } from '../../adapters/shared/upstream-failures.ts';
import { UpstreamError } from '../../src/contract/adapter.ts';

const NUMBER = '+447700900001';
const context = { provider: 'op', phoneNumber: NUMBER, now: Date.parse('2026-01-01T00:00:00Z') };

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function camara(status: number, code: string, message = 'text') {
  return response(status, { status, code, message });
}

describe('mapCamaraErrorResponse', () => {
  it.each([
    [camara(404, 'IDENTIFIER_NOT_FOUND'), 'not_found'],
    [camara(422, 'SERVICE_NOT_APPLICABLE'), 'not_supported'],
    [camara(422, 'NOT_SUPPORTED'), 'not_supported'],
    [camara(501, 'NOT_IMPLEMENTED'), 'not_supported'],
    [camara(400, 'OUT_OF_RANGE'), 'rejected'],
  ])('%j → %s outcome', (wire, status) => {
    const mapped = mapCamaraErrorResponse(wire, context);
    expect(mapped).not.toBeInstanceOf(UpstreamError);
    expect(mapped).toMatchObject({ status });
  });

  it.each([
    [camara(400, 'INVALID_ARGUMENT'), 'rejected'],
    [camara(422, 'UNNECESSARY_IDENTIFIER'), 'rejected'],
    [camara(422, 'MISSING_IDENTIFIER'), 'rejected'],
    [camara(403, 'INVALID_TOKEN_CONTEXT'), 'rejected'],
    [camara(403, 'PERMISSION_DENIED'), 'auth'],
    [camara(401, 'UNAUTHENTICATED'), 'auth'],
    [camara(429, 'TOO_MANY_REQUESTS'), 'rate_limited'],
    [camara(500, 'INTERNAL'), 'server'],
    [camara(503, 'UNAVAILABLE'), 'server'],
    [response(502, '<html>bad gateway</html>'), 'server'],
    [response(302, ''), 'malformed'],
    [response(204, ''), 'malformed'],
    [response(404, '<html>no such path</html>'), 'rejected'],
    // A v2 API has no resource ids: NOT_FOUND is a wrong path (e.g. a version the operator lacks).
    [camara(404, 'NOT_FOUND'), 'rejected'],
  ])('%j → UpstreamError %s', (wire, failure) => {
    const mapped = mapCamaraErrorResponse(wire, context);
    expect(mapped).toBeInstanceOf(UpstreamError);
    expect((mapped as UpstreamError).failure).toBe(failure);
    expect((mapped as UpstreamError).httpStatus).toBe(wire.status);
  });

  it('takes the unknown-number codes of older API versions from the operation', () => {
    const v1 = { ...context, unknownNumberCodes: new Set(['IDENTIFIER_NOT_FOUND', 'NOT_FOUND']) };
    expect(mapCamaraErrorResponse(camara(404, 'NOT_FOUND'), v1)).toMatchObject({ status: 'not_found' });
    const v04 = { ...context, unknownNumberCodes: new Set(['SIM_SWAP.UNKNOWN_PHONE_NUMBER']) };
    expect(mapCamaraErrorResponse(camara(404, 'SIM_SWAP.UNKNOWN_PHONE_NUMBER'), v04)).toMatchObject({ status: 'not_found' });
  });

  it('reads Retry-After on 429', () => {
    const mapped = mapCamaraErrorResponse(
      response(429, { status: 429, code: 'QUOTA_EXCEEDED', message: 'slow down' }, { 'retry-after': '7' }),
      context,
    ) as UpstreamError;
    expect(mapped.retryAfterMs).toBe(7_000);
  });

  it('never repeats the phone number an upstream put in its message', () => {
    const mapped = mapCamaraErrorResponse(
      camara(404, 'IDENTIFIER_NOT_FOUND', `Number ${NUMBER} (447700900001) is not ours`),
      context,
    );
    const text = 'message' in mapped ? mapped.message : '';
    expect(text).toContain('IDENTIFIER_NOT_FOUND');
    expect(text).not.toContain('7700900001');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['3', 3_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('quotedUpstreamText', () => {
  it('keeps dates and short numbers, removes number-like runs', () => {
    expect(quotedUpstreamText('since 2023-07-03, +1 202 555 0101 and 44 7700 900001; code 42')).toBe(
      'since 2023-07-03, [number] and [number]; code 42',
    );
  });
});
