/** Requests received per carrier and endpoint, so tests can assert what reached the network. */
export type StatsSnapshot = Record<string, Record<string, number>>;

/** Endpoint name under which requests a client gave up on while a fault held them or their body are counted. */
export const ABORTED = 'aborted';

export class RequestStats {
  private readonly counts = new Map<string, Map<string, number>>();

  /** Makes a carrier appear in snapshots even before its first request. */
  register(carrierId: string): void {
    if (!this.counts.has(carrierId)) this.counts.set(carrierId, new Map());
  }

  increment(carrierId: string, endpoint: string): void {
    this.register(carrierId);
    const perEndpoint = this.counts.get(carrierId)!;
    perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + 1);
  }

  get(carrierId: string, endpoint: string): number {
    return this.counts.get(carrierId)?.get(endpoint) ?? 0;
  }

  /** Total over every endpoint of one carrier (aborted requests are already counted once). */
  total(carrierId: string): number {
    let sum = 0;
    for (const [endpoint, count] of this.counts.get(carrierId) ?? []) if (endpoint !== ABORTED) sum += count;
    return sum;
  }

  snapshot(): StatsSnapshot {
    const out: StatsSnapshot = {};
    for (const [carrierId, perEndpoint] of this.counts) out[carrierId] = Object.fromEntries(perEndpoint);
    return out;
  }

  /** Zeroes every counter; registered carriers stay listed. */
  reset(): void {
    for (const perEndpoint of this.counts.values()) perEndpoint.clear();
  }
}
