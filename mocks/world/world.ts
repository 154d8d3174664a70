import { applyMergePatch } from '../../src/config/merge-patch.ts';
import { materializeSubscriber, parseScenario, type Operator, type Scenario } from './scenario.ts';
import { SubscriberSchema, type Subscriber, type SubscriberInput } from './subscriber.ts';

export type Clock = () => number;

/**
 * One simulated network. Every mock carrier reads the same World, so a change made through the
 * admin API shows in every carrier's answer at once, each in its own wire format.
 */
export class World {
  readonly scenario: Scenario;
  readonly operators: ReadonlyMap<string, Operator>;
  private readonly clock: Clock;
  private subscribers = new Map<string, Subscriber>();
  private loadedAt = 0;

  constructor(scenarioJson: unknown, clock: Clock = Date.now) {
    this.scenario = parseScenario(scenarioJson);
    this.operators = new Map(this.scenario.operators.map((op) => [op.id, op]));
    this.clock = clock;
    this.reset();
  }

  now(): Date {
    return new Date(this.clock());
  }

  /** When the scenario was (re)loaded: the origin its relative times were resolved against. */
  get startedAt(): Date {
    return new Date(this.loadedAt);
  }

  /** Back to the loaded scenario, relative times resolved against the current moment. */
  reset(): void {
    this.loadedAt = this.clock();
    const origin = new Date(this.loadedAt);
    this.subscribers = new Map(
      Object.entries(this.scenario.subscribers).map(([number, raw]) => [number, materializeSubscriber(raw, origin)]),
    );
  }

  get(phoneNumber: string): Subscriber | undefined {
    return this.subscribers.get(phoneNumber);
  }

  /** Replaces a subscriber's whole state (a field left out takes its default); relative times are resolved against now. Throws on invalid state. */
  put(phoneNumber: string, state: SubscriberInput | Record<string, unknown>): Subscriber {
    const subscriber = materializeSubscriber(state, this.now());
    if (!this.operators.has(subscriber.operator)) {
      throw new UnknownOperatorError(subscriber.operator);
    }
    this.subscribers.set(phoneNumber, subscriber);
    return subscriber;
  }

  /**
   * Changes part of a subscriber's state: a JSON merge patch (RFC 7396) over the stored state, so
   * null resets a field to its default. Relative times are resolved against now; the result is
   * validated as a whole. Undefined when the number is not in the world; throws on invalid state.
   */
  patch(phoneNumber: string, mergePatch: Record<string, unknown>): Subscriber | undefined {
    const current = this.subscribers.get(phoneNumber);
    if (!current) return undefined;
    return this.put(phoneNumber, applyMergePatch(current, mergePatch) as Record<string, unknown>);
  }

  delete(phoneNumber: string): boolean {
    return this.subscribers.delete(phoneNumber);
  }

  list(): Array<{ phoneNumber: string } & Subscriber> {
    return [...this.subscribers].map(([phoneNumber, state]) => ({ phoneNumber, ...state }));
  }

  /** Subscribers served by one operator, for carriers that cover only some operators. */
  isServedBy(phoneNumber: string, operatorIds: ReadonlySet<string>): Subscriber | undefined {
    const subscriber = this.subscribers.get(phoneNumber);
    return subscriber && operatorIds.has(subscriber.operator) ? subscriber : undefined;
  }
}

export class UnknownOperatorError extends Error {
  constructor(operator: string) {
    super(`unknown operator "${operator}"`);
    this.name = 'UnknownOperatorError';
  }
}

export { SubscriberSchema };
