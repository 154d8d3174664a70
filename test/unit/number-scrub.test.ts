import { describe, expect, it } from 'vitest';
import { scrubNumbers } from '../../src/contract/number-scrub.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { CamaraError } from '../../src/errors.ts';
import { quotedUpstreamText } from '../../adapters/shared/upstream-failures.ts';

describe('the number scrubber', () => {
  it.each([
    ['a number standing alone', '+447700900001', '[number]'],
    ['digits without the +', 'asked 447700900001 twice', 'asked [number] twice'],
    ['inside a correlator, after a dash', 'ivr-447700900001', 'ivr-[number]'],
    ['inside a correlator, after an underscore', 'call_447700900001', 'call_[number]'],
    ['glued to letters', 'CallSid447700900001', 'CallSid[number]'],
    ['inside a word', 'x447700900001y', 'x[number]y'],
    ['broken by spaces', '+44 7700 900001', '[number]'],
    ['broken by dots and dashes', '7700.900-001', '[number]'],
    ['with a bracketed trunk prefix', 'call +44 (0)20 7946 0958 now', 'call [number] now'],
    ['seven digits exactly', 'ext 1234567', 'ext [number]'],
    ['in another script', '+٤٤٧٧٠٠٩٠٠٥٠٢', '[number]'],
    ['in a login hint', 'login_hint=tel:+447700900001, then "447700900002"', 'login_hint=tel:[number], then "[number]"'],
  ])('masks %s', (_what, text, expected) => {
    expect(scrubNumbers(text)).toBe(expected);
  });

  it.each([
    ['an ISO timestamp', '2026-12-04T22:11:58.304Z'],
    ['an ISO date and a time with an offset', 'since 2023-07-03, until 2023-07-04T10:00:00+01:00'],
    ['short numbers', 'maxAge=24, status 404, 503 in 120 ms, retry after 30 s'],
    ['six digits', 'code 123456'],
    ['a loopback URL', 'http://127.0.0.1:8080/sim-swap/v2/check'],
    ['a UUID without a long digit stretch', '7eee89e5-a5d8-482b-812e-c09c202f676e'],
    ['a UUID whose digits run on across its dashes', '1234abcd-1234-4123-8123-4567abcdef00'],
    ['text without digits', 'Unknown action "constructor"'],
  ])('leaves %s as it is', (_what, text) => {
    expect(scrubNumbers(text)).toBe(text);
  });

  it('masks what only looks like a date when it is not one, and digits glued to a date', () => {
    expect(scrubNumbers('2026-13-01')).toBe('[number]');
    expect(scrubNumbers('2026-01-0112345678')).toBe('[number]');
    expect(scrubNumbers('+1 2026-01-01')).toBe('[number]');
  });

  it('reads a UUID group by group: its dashes join no digits, a group with a run of 7 is masked', () => {
    expect(scrubNumbers('12345678-1234-4abc-8def-123456789012')).toBe('[number]-1234-4abc-8def-[number]');
    expect(scrubNumbers('ivr-550e8400-e29b-41d4-a716-446655440000')).toBe('ivr-550e8400-e29b-41d4-a716-[number]');
    expect(scrubNumbers('550e8400-e29b-41d4-a716-4466ab5544cd')).toBe('550e8400-e29b-41d4-a716-4466ab5544cd');
    // Digits before it that reach into it make one phone-like run.
    expect(scrubNumbers('4477009-00000000-0000-4000-8000-000000000000')).toBe('[number]');
  });

  it('is idempotent', () => {
    for (const text of ['ivr-447700900001', '+44 (0)20 7946 0958 and 2026-01-01 7700 900001', 'x1234567y1234567z']) {
      expect(scrubNumbers(scrubNumbers(text))).toBe(scrubNumbers(text));
    }
  });
});

describe('everywhere it is used', () => {
  it('the logger scrubs every string, nested ones, keys and errors, and keeps times and durations', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    logger.info('asked about +447700900001', {
      correlator: 'ivr-447700900001',
      durationMs: 12345678.25,
      status: 404,
      nested: { number: '+1 202 555 0101', list: ['07700 900123', { deeper: 'CallSid447700900001' }] },
      byNumber: { '447700900001': true },
      error: new Error('no subscriber 447700900001'),
      deep: { a: { b: { c: { d: { e: { f: '447700900001' } } } } } },
    });
    const output = lines.join('\n');
    expect(output).not.toMatch(/447700900001|2025550101|202 555 0101|07700 900123/);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      msg: 'asked about [number]',
      correlator: 'ivr-[number]',
      durationMs: 12345678.25,
      status: 404,
      nested: { number: '[number]', list: ['[number]', { deeper: 'CallSid[number]' }] },
      byNumber: { '[number]': true },
      error: { name: 'Error', message: 'no subscriber [number]' },
    });
    expect(entry.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it('error messages sent to clients', () => {
    const error = new CamaraError('INVALID_ARGUMENT', 'Unknown action "call_447700900002": name one of this tenant\'s actions');
    expect(error.toBody().message).toBe('Unknown action "call_[number]": name one of this tenant\'s actions');
  });

  it('upstream failure descriptions, bounded in length', () => {
    expect(quotedUpstreamText('since 2023-07-03, +1 202 555 0101 and 44 7700 900001; code 42')).toBe('since 2023-07-03, [number] and [number]; code 42');
    expect(quotedUpstreamText(`subscriber447700900001 ${'x'.repeat(300)}`, 30)).toBe(`subscriber[number] ${'x'.repeat(11)}…`);
  });
});
