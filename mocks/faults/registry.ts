import { FaultRuleInputSchema, type FaultRule } from './rule.ts';
import { parseInput } from '../input-issues.ts';

export interface FaultTarget {
  carrier: string;
  endpoint: string;
  phoneNumber?: string | undefined;
}

export class DuplicateFaultError extends Error {
  constructor(id: string) {
    super(`a fault rule with id "${id}" already exists`);
    this.name = 'DuplicateFaultError';
  }
}

/**
 * The fault rules in force. The first rule (in insertion order) that matches a request applies to
 * it; a rule with a `probability` that its draw passes over lets the next matching rule try.
 */
export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly random: () => number;

  /** `random` uniform in [0, 1), replaceable in tests. */
  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  /** Validates and adds a rule; throws ZodError on an invalid rule, DuplicateFaultError on a reused id. */
  add(input: unknown): FaultRule {
    const parsed = parseInput(FaultRuleInputSchema, input);
    const id = parsed.id ?? this.freshId();
    if (this.rules.some((rule) => rule.id === id)) throw new DuplicateFaultError(id);
    const rule = { ...parsed, id };
    this.rules.push(rule);
    return { ...rule };
  }

  /** Rules in force; `times` is what is left of each rule's budget. */
  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** True when some rule for this carrier and endpoint depends on the request's phone number. */
  needsPhoneNumber(target: Omit<FaultTarget, 'phoneNumber'>): boolean {
    return this.rules.some((rule) => rule.phoneNumber !== undefined && this.matchesRoute(rule, target));
  }

  /** The rule that applies to this request, if any; spends one of its `times` (only when it applies). */
  take(target: FaultTarget): FaultRule | undefined {
    const index = this.rules.findIndex(
      (rule) =>
        this.matchesRoute(rule, target) &&
        (rule.phoneNumber === undefined || rule.phoneNumber === target.phoneNumber) &&
        (rule.probability === undefined || this.random() < rule.probability),
    );
    if (index === -1) return undefined;
    const rule = this.rules[index]!;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.rules.splice(index, 1);
    }
    return { ...rule };
  }

  private matchesRoute(rule: FaultRule, target: Omit<FaultTarget, 'phoneNumber'>): boolean {
    return (
      (rule.carrier === undefined || rule.carrier === target.carrier) &&
      (rule.endpoint === undefined || rule.endpoint === target.endpoint)
    );
  }

  private freshId(): string {
    let id: string;
    do id = `fault-${this.nextId++}`;
    while (this.rules.some((rule) => rule.id === id));
    return id;
  }
}
