/**
 * E.164 number → ordered provider chain, by longest matching prefix. Prefixes are plain digit
 * strings, so fictional test ranges route like real ones.
 */

export interface RouteRule {
  /** E.164 prefix with leading '+', e.g. '+4477009005'. */
  prefix: string;
  /** Provider ids, asked in this order. */
  providers: string[];
}

export class Router {
  private readonly byPrefix = new Map<string, readonly string[]>();
  private readonly lengths: number[];

  constructor(rules: readonly RouteRule[]) {
    for (const rule of rules) {
      if (this.byPrefix.has(rule.prefix)) throw new Error(`route prefix ${rule.prefix} is declared twice`);
      this.byPrefix.set(rule.prefix, Object.freeze([...rule.providers]));
    }
    this.lengths = [...new Set(rules.map((rule) => rule.prefix.length))].sort((a, b) => b - a);
  }

  /** The provider chain for a number, or undefined when no rule covers it. */
  chainFor(phoneNumber: string): readonly string[] | undefined {
    for (const length of this.lengths) {
      if (length > phoneNumber.length) continue;
      const chain = this.byPrefix.get(phoneNumber.slice(0, length));
      if (chain) return chain;
    }
    return undefined;
  }
}
