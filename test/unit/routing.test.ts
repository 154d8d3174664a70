import { describe, expect, it } from 'vitest';
import { Router } from '../../src/engine/routing.ts';

describe('Router', () => {
  const router = new Router([
    { prefix: '+44', providers: ['uk-aggregator'] },
    { prefix: '+4477009000', providers: ['albion', 'uk-aggregator'] },
    { prefix: '+4477009005', providers: ['brightwave'] },
    { prefix: '+1202555', providers: ['liberty'] },
  ]);

  const ids = (phoneNumber: string) => router.chainFor(phoneNumber)?.map((link) => link.providerId);

  it('picks the longest matching prefix', () => {
    expect(ids('+447700900001')).toEqual(['albion', 'uk-aggregator']);
    expect(ids('+447700900501')).toEqual(['brightwave']);
    expect(ids('+447911123456')).toEqual(['uk-aggregator']);
    expect(ids('+12025550101')).toEqual(['liberty']);
  });

  it('keeps the signal kinds a link is limited to', () => {
    const limited = new Router([{ prefix: '+44', providers: ['op', { id: 'agg', signals: ['call_state'] }] }]);
    const [op, agg] = limited.chainFor('+447700900001')!;
    expect(op).toEqual({ providerId: 'op' });
    expect([...agg!.signals!]).toEqual(['call_state']);
  });

  it('answers undefined for a range nobody serves', () => {
    expect(router.chainFor('+33612345678')).toBeUndefined();
    expect(router.chainFor('+1')).toBeUndefined();
  });

  it('refuses a prefix declared twice', () => {
    expect(() => new Router([{ prefix: '+44', providers: ['a'] }, { prefix: '+44', providers: ['b'] }])).toThrow(/twice/);
  });
});
