import { describe, expect, it } from 'vitest';
import { MemoryRecords, memorySharedState } from '../../src/shared-state/memory.ts';
import { describeSharedStateContract } from './contract.ts';

describeSharedStateContract('in memory', { state: () => memorySharedState() });

describe('assessment records in memory', () => {
  it('take no more than their memory bound: past it the oldest go first, before their retention', async () => {
    const records = new MemoryRecords(Date.now, 1);
    const verdict = { text: 'x'.repeat(10_000) };
    const ids = Array.from({ length: 150 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    for (const id of ids) records.put({ id, tenantId: 'acme', maskedNumber: '••••••••01', assessedAt: 0, retainUntil: Date.now() + 60_000, verdict });
    // 150 records of ~10 KB do not fit in 1 MiB: the first are gone, the last are kept.
    expect(await records.get(ids[0]!)).toBeUndefined();
    expect(await records.get(ids.at(-1)!)).toMatchObject({ id: ids.at(-1), maskedNumber: '••••••••01', verdict });
  });

  it('read back the same whether the verdict came as its JSON (encoded in pieces) or inside the record', async () => {
    const records = new MemoryRecords();
    const verdict = { recommendation: 'step_up', note: 'ASCII, then é and → beyond Latin-1', reasons: [{ code: 'SIM_SWAPPED_RECENTLY' }] };
    const retainUntil = Date.now() + 60_000;
    const record = (id: string) => ({ id, tenantId: 'acme', maskedNumber: '••••••••01', assessedAt: 1, retainUntil, verdict });
    records.put(record('00000000-0000-4000-8000-000000000001'));
    records.put(record('00000000-0000-4000-8000-000000000002'), JSON.stringify(verdict));
    expect(await records.get('00000000-0000-4000-8000-000000000002')).toEqual(record('00000000-0000-4000-8000-000000000002'));
    expect(await records.get('00000000-0000-4000-8000-000000000001')).toEqual(record('00000000-0000-4000-8000-000000000001'));
  });
});
