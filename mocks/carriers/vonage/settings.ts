import { z } from 'zod';
import type { CarrierSettings } from '../carrier.ts';
import { INSIGHT_NAMES } from './insights.ts';
import { parseInput } from '../../input-issues.ts';

const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as GB');

/** Knobs of the mock Vonage carrier (`PUT /_world/carriers/vonage/settings`). */
export const VonageSettingsSchema = z.strictObject({
  /**
   * Spelling of `status.code`: the API reference writes `OK`, `NOT_FOUND`...; the Node SDK's enum
   * has `ok`, `not_found`... A client must accept both.
   */
  statusCodeCase: z.enum(['upper', 'lower']),
  /** Home countries each insight covers; a line of another country gets NO_COVERAGE. */
  coverage: z.strictObject(Object.fromEntries(INSIGHT_NAMES.map((name) => [name, z.array(Country)])) as Record<
    (typeof INSIGHT_NAMES)[number],
    z.ZodArray<typeof Country>
  >),
});

export type VonageSettingsValues = z.output<typeof VonageSettingsSchema>;

export const DEFAULT_VONAGE_SETTINGS: VonageSettingsValues = {
  statusCodeCase: 'upper',
  coverage: {
    sim_swap: ['GB', 'US'],
    device_swap: ['GB', 'US'],
    roaming: ['GB', 'US'],
    reachability: ['GB', 'US'],
    current_carrier: ['GB', 'US'],
  },
};

export class VonageSettings implements CarrierSettings {
  private values: VonageSettingsValues = structuredClone(DEFAULT_VONAGE_SETTINGS);

  get current(): Readonly<VonageSettingsValues> {
    return this.values;
  }

  get(): VonageSettingsValues {
    return structuredClone(this.values);
  }

  update(patch: unknown): VonageSettingsValues {
    const partialSchema = VonageSettingsSchema.extend({ coverage: VonageSettingsSchema.shape.coverage.partial() }).partial();
    const partial = parseInput(partialSchema, patch);
    this.values = parseInput(VonageSettingsSchema, {
      ...this.values,
      ...partial,
      coverage: { ...this.values.coverage, ...partial.coverage },
    });
    return this.get();
  }

  reset(): void {
    this.values = structuredClone(DEFAULT_VONAGE_SETTINGS);
  }
}
