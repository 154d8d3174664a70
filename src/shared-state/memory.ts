/**
 * The shared state of a single process: the embedded default and one-instance deployments. The
 * same behaviour as the shared stores, without a network in between.
 */
import { LRUCache } from 'lru-cache';
import { TokenBucket, type RateLimitSettings } from './token-bucket.ts';
import type {
  AssessmentRecord,
  QuotaStore,
  RateLimitStore,
  RecordedOutcome,
  RecordStore,
  SessionEnd,
  SessionStore,
  SharedState,
  StoredSession,
} from './port.ts';
import { recordJsonParts } from './port.ts';

/** Tenants whose sessions are kept at once; far above any real deployment's count of tenants. */
const MAX_TENANTS = 10_000;

/** Memory the assessment records of one process may take by default (their JSON text), MiB. */
export const DEFAULT_RECORD_MEMORY_MIB = 16;

export function memorySharedState(now: () => number = Date.now, options: { recordMemoryMiB?: number } = {}): SharedState {
  return {
    kind: 'memory',
    rateLimits: new MemoryRateLimits(now),
    quotas: new MemoryQuotas(),
    sessions: new MemorySessions(now),
    records: new MemoryRecords(now, options.recordMemoryMiB ?? DEFAULT_RECORD_MEMORY_MIB),
    timeoutMs: 50,
    sessionTimeoutMs: 1_000,
    close: async () => {},
  };
}

export class MemoryRateLimits implements RateLimitStore {
  private readonly buckets = new Map<string, { limit: RateLimitSettings; bucket: TokenBucket }>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Synchronous, for the callers that fall back on it when the shared store does not answer. */
  takeNow(tenantId: string, limit: RateLimitSettings) {
    let entry = this.buckets.get(tenantId);
    // A changed limit starts a fresh bucket.
    if (!entry || entry.limit.burst !== limit.burst || entry.limit.requestsPerSecond !== limit.requestsPerSecond) {
      entry = { limit, bucket: new TokenBucket(limit, this.now()) };
      this.buckets.set(tenantId, entry);
    }
    return entry.bucket.take(this.now());
  }

  take(tenantId: string, limit: RateLimitSettings) {
    return Promise.resolve(this.takeNow(tenantId, limit));
  }
}

export class MemoryQuotas implements QuotaStore {
  private readonly counts = new Map<string, { day: number; calls: number }>();

  private count(tenantId: string, day: number): number {
    const entry = this.counts.get(tenantId);
    return entry && entry.day === day ? entry.calls : 0;
  }

  private set(tenantId: string, day: number, calls: number): void {
    this.counts.set(tenantId, { day, calls: Math.max(0, calls) });
  }

  tryTake(tenantId: string, day: number, cap: number): Promise<boolean> {
    const calls = this.count(tenantId, day);
    if (calls >= cap) return Promise.resolve(false);
    this.set(tenantId, day, calls + 1);
    return Promise.resolve(true);
  }

  add(tenantId: string, day: number, calls: number): Promise<void> {
    this.set(tenantId, day, this.count(tenantId, day) + calls);
    return Promise.resolve();
  }

  used(tenantId: string, day: number): Promise<number> {
    return Promise.resolve(this.count(tenantId, day));
  }
}

interface Kept {
  session: StoredSession;
  retainUntil: number;
}

export class MemorySessions implements SessionStore {
  /** Per tenant, least recently created dropped first. */
  private readonly byTenant = new LRUCache<string, LRUCache<string, Kept>>({ max: MAX_TENANTS });
  private readonly byId = new Map<string, Kept>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  create(session: StoredSession, limits: { retainUntil: number; maxPerTenant: number }): Promise<void> {
    let sessions = this.byTenant.get(session.tenantId);
    if (!sessions) {
      sessions = new LRUCache<string, Kept>({
        max: limits.maxPerTenant,
        // Evicted or deleted: the id index forgets it too, so it stays as bounded as the tenants' caches.
        dispose: (evicted) => this.byId.delete(evicted.session.id),
      });
      this.byTenant.set(session.tenantId, sessions);
    }
    const kept = { session: structuredClone(session), retainUntil: limits.retainUntil };
    sessions.set(session.id, kept);
    this.byId.set(session.id, kept);
    return Promise.resolve();
  }

  private live(id: string): Kept | undefined {
    const kept = this.byId.get(id);
    if (!kept) return undefined;
    if (this.now() >= kept.retainUntil) {
      this.byTenant.get(kept.session.tenantId)?.delete(id);
      this.byId.delete(id);
      return undefined;
    }
    return kept;
  }

  get(id: string): Promise<StoredSession | undefined> {
    const kept = this.live(id);
    return Promise.resolve(kept && structuredClone(kept.session));
  }

  claimCallback(id: string): Promise<StoredSession | undefined> {
    const kept = this.live(id);
    if (!kept || kept.session.callbackReceived) return Promise.resolve(undefined);
    kept.session.callbackReceived = true;
    return Promise.resolve(structuredClone(kept.session));
  }

  finish(id: string, end: SessionEnd, retainUntil: number): Promise<void> {
    const kept = this.live(id);
    if (kept) {
      kept.session.status = end.status;
      kept.session.completedAt = end.completedAt;
      if (end.problem) kept.session.problem = end.problem;
      kept.retainUntil = retainUntil;
    }
    return Promise.resolve();
  }
}

/**
 * Kept as UTF-8 JSON: a copy the caller cannot change, cheaper to make than a structured clone on
 * every verdict, and measurable: the records take at most `memoryMiB`, the oldest going first. Not
 * as a string: one character beyond Latin-1 (the masked number's bullets) makes V8 keep a whole
 * string two bytes a character, and the records took twice the memory their bound said. Bytes
 * also live outside the JavaScript heap, which V8 lets grow to a multiple of what it holds.
 */
export class MemoryRecords implements RecordStore {
  private readonly records: LRUCache<string, Uint8Array>;
  private readonly now: () => number;

  constructor(now: () => number = Date.now, memoryMiB = DEFAULT_RECORD_MEMORY_MIB) {
    this.now = now;
    this.records = new LRUCache<string, Uint8Array>({ maxSize: memoryMiB * 2 ** 20, sizeCalculation: (bytes, id) => bytes.byteLength + id.length });
  }

  private live(id: string): AssessmentRecord | undefined {
    const kept = this.records.get(id);
    if (kept === undefined) return undefined;
    const record = JSON.parse(UTF8_DECODER.decode(kept)) as AssessmentRecord;
    if (this.now() >= record.retainUntil) {
      this.records.delete(id);
      return undefined;
    }
    return record;
  }

  put(record: AssessmentRecord, verdictJson?: string): void {
    this.records.set(record.id, utf8Bytes(...recordJsonParts(record, verdictJson)));
  }

  get(id: string): Promise<AssessmentRecord | undefined> {
    return Promise.resolve(this.live(id));
  }

  setOutcome(id: string, outcome: RecordedOutcome): Promise<{ record: AssessmentRecord; first: boolean } | undefined> {
    const record = this.live(id);
    if (!record) return Promise.resolve(undefined);
    const first = record.outcome === undefined;
    if (first) {
      record.outcome = { ...outcome };
      this.records.set(id, utf8Bytes(JSON.stringify(record)));
    }
    return Promise.resolve({ record, first });
  }
}

const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();
interface NodeBufferClass {
  byteLength(text: string, encoding: 'utf8'): number;
  allocUnsafeSlow(size: number): Uint8Array & { write(text: string, offset: number, encoding: 'utf8'): number };
}
/** Node's Buffer where there is one: it encodes a string with characters beyond Latin-1 about 2.5 times faster than TextEncoder (measured). */
const NodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

/**
 * The parts' UTF-8, one after the other, in an array of its own: never joined into one string
 * first (a join is copied whole when encoded, twice its size when a part has a character beyond
 * Latin-1, as the masked number's bullets are), and never a slice of Buffer's shared 8 KiB pool,
 * which a record kept would keep whole (30 000 records under the 16 MiB bound held 16.9 MiB of
 * array buffers that way).
 */
function utf8Bytes(...parts: string[]): Uint8Array {
  if (!NodeBuffer) return UTF8_ENCODER.encode(parts.join(''));
  let size = 0;
  for (const part of parts) size += NodeBuffer.byteLength(part, 'utf8');
  const bytes = NodeBuffer.allocUnsafeSlow(size);
  let offset = 0;
  for (const part of parts) offset += bytes.write(part, offset, 'utf8');
  return bytes;
}
