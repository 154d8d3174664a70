/** Small pieces of the Twilio adapter: ISO 8601 durations (swapped_period) and the Basic header. */
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/contract/encoding.ts';
import { parseIsoDuration } from '../../adapters/twilio/iso-duration.ts';

const HOUR = 3_600_000;

describe('parseIsoDuration', () => {
  it.each([
    ['PT48H', 48 * HOUR],
    ['PT24H', 24 * HOUR],
    ['PT15282H33M44S', 15282 * HOUR + 33 * 60_000 + 44_000],
    ['P2D', 48 * HOUR],
    ['P1DT12H', 36 * HOUR],
    ['P1W', 168 * HOUR],
    ['PT0.5H', HOUR / 2],
    ['pt48h', 48 * HOUR],
  ])('%s → %i ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1DT', '48H', 'PT48', 'P1M', 'P1Y', 'PT-1H', 'PT48H ago'])('refuses %j', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
});

describe('basicAuthorization', () => {
  it('is base64 of username:password', () => {
    expect(basicAuthorization('ACa1', 's3cret')).toBe(`Basic ${Buffer.from('ACa1:s3cret').toString('base64')}`);
  });

  it('encodes non-ASCII secrets as UTF-8 instead of throwing', () => {
    expect(basicAuthorization('AC', 'clé')).toBe(`Basic ${Buffer.from('AC:clé', 'utf8').toString('base64')}`);
  });
});
