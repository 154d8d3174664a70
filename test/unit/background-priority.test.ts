/**
 * V8's background threads at a lower priority than the event loop (src/runtime/background-priority.ts),
 * on this very process: the threads found are V8's own, their niceness is what was asked, and the
 * setting is read strictly.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load.ts';
import { threadNiceness as nicenessByThread } from '../support/thread-niceness.ts';
import { lowerBackgroundThreads, V8_WORKER_THREAD } from '../../src/runtime/background-priority.ts';

describe.runIf(process.platform === 'linux')('V8 background threads at a lower priority (Linux)', () => {
  it('lowers V8Worker threads only, to the niceness asked', () => {
    const workers = nicenessByThread('self').filter((thread) => thread.name === V8_WORKER_THREAD).length;
    const outcome = lowerBackgroundThreads('7');
    expect(outcome).toEqual({ threads: workers, niceness: 7 });
    expect(outcome.threads).toBeGreaterThan(0);
    const after = nicenessByThread('self');
    expect(after.filter((thread) => thread.name === V8_WORKER_THREAD).every((thread) => thread.niceness === 7)).toBe(true);
    // The event loop and every other thread keep their priority.
    const eventLoop = after.find((thread) => thread.name === 'MainThread')!.niceness;
    expect(after.filter((thread) => thread.name !== V8_WORKER_THREAD).every((thread) => thread.niceness === eventLoop)).toBe(true);
  });

  it('goes down to the lowest priority, 19', () => {
    expect(lowerBackgroundThreads('19').niceness).toBe(19);
    expect(nicenessByThread('self').filter((thread) => thread.name === V8_WORKER_THREAD).every((thread) => thread.niceness === 19)).toBe(true);
  });
});

describe('the NUMTRUST_V8_WORKER_NICENESS setting', () => {
  it.each([undefined, '', 'off', 'OFF', '0'])('leaves the threads alone when %j (the default is off)', (setting) => {
    expect(lowerBackgroundThreads(setting)).toEqual({ threads: 0, niceness: 0, skipped: 'turned off' });
  });

  it.each(['20', '-5', '1.5', 'low'])('refuses %s with a configuration error', (setting) => {
    expect(() => lowerBackgroundThreads(setting)).toThrow(ConfigError);
    expect(() => lowerBackgroundThreads(setting)).toThrow(/NUMTRUST_V8_WORKER_NICENESS must be a whole number from 0 to 19, or "off"/);
  });
});
