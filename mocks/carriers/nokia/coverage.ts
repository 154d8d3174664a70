import type { Subscriber } from '../../world/subscriber.ts';
import type { World } from '../../world/world.ts';
import { PROBLEMS } from './errors.ts';

/**
 * The operators NaC has agreements with in the simulated world, and what each agreement carries.
 * NaC only passes requests on: retention windows are the operator's (the same as the mock CAMARA
 * operator of that network answers), and an operator without the optional Call Forwarding list
 * answers 501 through NaC.
 */
export interface NacAgreement {
  /** World operator id. */
  operator: string;
  /** Legal look-back of SIM and device changes in days; null = full history. */
  retentionDays: number | null;
  /** `/call-forwardings` (the optional CFS endpoint) is offered; else 501 NOT_IMPLEMENTED. */
  callForwardingList: boolean;
}

export const NAC_AGREEMENTS: readonly NacAgreement[] = [
  { operator: 'brightwave', retentionDays: 7, callForwardingList: true },
  { operator: 'liberty', retentionDays: 90, callForwardingList: false },
];

export interface CoveredLine {
  subscriber: Subscriber;
  agreement: NacAgreement;
}

export class NacCoverage {
  private readonly agreements: ReadonlyMap<string, NacAgreement>;

  constructor(world: World, agreements: readonly NacAgreement[] = NAC_AGREEMENTS) {
    this.agreements = new Map(agreements.filter((a) => world.operators.has(a.operator)).map((a) => [a.operator, a]));
  }

  get operators(): string[] {
    return [...this.agreements.keys()];
  }

  /** NaC's agreement with a world operator, if it has one. */
  agreementOf(operator: string): NacAgreement | undefined {
    return this.agreements.get(operator);
  }

  /**
   * The line behind a number NaC can ask about: 404 IDENTIFIER_NOT_FOUND when unknown or at an
   * operator without an agreement, 422 SERVICE_NOT_APPLICABLE for an IoT line.
   */
  lineOf(world: World, phoneNumber: string): CoveredLine {
    const subscriber = world.get(phoneNumber);
    const agreement = subscriber && this.agreements.get(subscriber.operator);
    if (!subscriber || !agreement) throw PROBLEMS.identifierNotFound();
    if (subscriber.lineType !== 'mobile') throw PROBLEMS.serviceNotApplicable();
    return { subscriber, agreement };
  }
}
