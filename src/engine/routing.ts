/**
 * E.164 number → ordered provider chain, by longest matching prefix. Prefixes are plain digit
 * strings, so fictional test ranges route like real ones. Each link of a chain may be limited to
 * some signal kinds (an aggregator asked only for what the operator in front of it lacks).
 */
import type { SignalKind } from '../contract/signals.ts';

export interface ChainLink {
  providerId: string;
  /** Signal kinds this provider is asked for on this range; undefined = all it offers. */
  signals?: ReadonlySet<SignalKind>;
}

export interface RouteRule {
  /** E.164 prefix with leading '+', e.g. '+4477009005'. */
  prefix: string;
  /** Provider ids (or links limited to some signals), asked in this order. */
  providers: ReadonlyArray<string | { id: string; signals?: readonly SignalKind[] }>;
}

export type Chain = readonly ChainLink[];

function linkOf(entry: RouteRule['providers'][number]): ChainLink {
  if (typeof entry === 'string') return { providerId: entry };
  return { providerId: entry.id, ...(entry.signals ? { signals: new Set(entry.signals) } : {}) };
}

export class Router {
  private readonly byPrefix = new Map<string, Chain>();
  private readonly lengths: number[];

  constructor(rules: readonly RouteRule[]) {
    for (const rule of rules) {
      if (this.byPrefix.has(rule.prefix)) throw new Error(`route prefix ${rule.prefix} is declared twice`);
      this.byPrefix.set(rule.prefix, Object.freeze(rule.providers.map(linkOf)));
    }
    this.lengths = [...new Set(rules.map((rule) => rule.prefix.length))].sort((a, b) => b - a);
  }

  /** The provider chain for a number, or undefined when no rule covers it. */
  chainFor(phoneNumber: string): Chain | undefined {
    for (const length of this.lengths) {
      if (length > phoneNumber.length) continue;
      const chain = this.byPrefix.get(phoneNumber.slice(0, length));
      if (chain) return chain;
    }
    return undefined;
  }
}
