/**
 * deadlineExcluding (src/contract/deadline.ts): an attempt timeout that time spent elsewhere (a
 * subject's authorization, for the executor) does not run down, within its parent's deadline.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadline, deadlineExcluding, expiryOf } from '../../src/contract/deadline.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('deadlineExcluding', () => {
  it('fires after its milliseconds when nothing is excluded, with a TimeoutError', () => {
    const { signal } = deadlineExcluding(1_000, undefined, () => 0);
    vi.advanceTimersByTime(999);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('waits out the excluded time, the part still growing included, then fires', () => {
    let excluded = 0;
    const { signal } = deadlineExcluding(1_000, undefined, () => excluded);
    vi.advanceTimersByTime(600);
    excluded = 2_000; // a wait that went on past the timer
    vi.advanceTimersByTime(2_000);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(399);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
  });

  it("ends with its parent, takes the parent's expiry, and a released one never fires", () => {
    const parent = deadline(5_000);
    const started = performance.now();
    // All of its time excluded: only the parent can end it.
    const child = deadlineExcluding(1_000, parent.signal, () => performance.now() - started);
    expect(expiryOf(child.signal)).toBe(expiryOf(parent.signal));
    vi.advanceTimersByTime(4_999);
    expect(child.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(child.signal.aborted).toBe(true);

    const released = deadlineExcluding(1_000, undefined, () => 0);
    released.release();
    vi.advanceTimersByTime(10_000);
    expect(released.signal.aborted).toBe(false);
  });
});
