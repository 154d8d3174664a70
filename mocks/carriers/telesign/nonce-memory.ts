/** Nonces seen recently, per customer: a signed request may be used once within the Date tolerance. */
export class NonceMemory {
  private readonly seen = new Map<string, number>();
  private insertsSincePrune = 0;

  /** True when `nonce` was already used by `customerId` and is still remembered. */
  wasUsed(customerId: string, nonce: string, now: number): boolean {
    const expiresAt = this.seen.get(key(customerId, nonce));
    return expiresAt !== undefined && expiresAt > now;
  }

  remember(customerId: string, nonce: string, now: number, forMs: number): void {
    this.seen.set(key(customerId, nonce), now + forMs);
    if (++this.insertsSincePrune >= 1_000) this.prune(now);
  }

  clear(): void {
    this.seen.clear();
  }

  private prune(now: number): void {
    this.insertsSincePrune = 0;
    for (const [entry, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(entry);
  }
}

function key(customerId: string, nonce: string): string {
  return `${customerId}\n${nonce}`;
}
