import { z } from 'zod';
import type { CarrierSettings } from '../carrier.ts';
import { parseInput } from '../../input-issues.ts';

export const LOOKUP_PACKAGES = ['sim_swap', 'call_forwarding', 'line_status', 'line_type_intelligence'] as const;
export type LookupPackage = (typeof LOOKUP_PACKAGES)[number];

const OperatorIds = z.array(z.string().min(1)).refine((ids) => new Set(ids).size === ids.length, {
  message: 'operator ids must not repeat',
});

/** Knobs of the mock Twilio account (`PUT /_world/carriers/twilio/settings`). */
export const TwilioSettingsSchema = z.strictObject({
  /**
   * The account's fixed SIM swap window, agreed at onboarding: answered as `swapped_period`
   * (`PT48H`) and the span `swapped_in_period` is computed over.
   */
  swappedPeriodHours: z.number().int().min(1).max(8760),
  /** Operators whose carrier shares no date: `last_sim_swap_date` is null, `swapped_in_period` still answers. */
  simSwapDateWithheldBy: OperatorIds,
  /** Operators whose HLR status comes back lowercase (`reachable`), as in Twilio's OpenAPI examples. */
  lowercaseLineStatusAt: OperatorIds,
  /** Packages the account is not enabled for: answered with error_code 60606. */
  disabledPackages: z.array(z.enum(LOOKUP_PACKAGES)),
});

export type TwilioSettingsValues = z.output<typeof TwilioSettingsSchema>;

export const DEFAULT_TWILIO_SETTINGS: TwilioSettingsValues = {
  swappedPeriodHours: 48,
  simSwapDateWithheldBy: ['brightwave'],
  lowercaseLineStatusAt: ['liberty'],
  disabledPackages: [],
};

export class TwilioSettings implements CarrierSettings {
  private values: TwilioSettingsValues = copy(DEFAULT_TWILIO_SETTINGS);

  get current(): Readonly<TwilioSettingsValues> {
    return this.values;
  }

  get(): TwilioSettingsValues {
    return copy(this.values);
  }

  update(patch: unknown): TwilioSettingsValues {
    this.values = parseInput(TwilioSettingsSchema, { ...this.values, ...parseInput(TwilioSettingsSchema.partial(), patch) });
    return this.get();
  }

  reset(): void {
    this.values = copy(DEFAULT_TWILIO_SETTINGS);
  }
}

function copy(values: TwilioSettingsValues): TwilioSettingsValues {
  return {
    ...values,
    simSwapDateWithheldBy: [...values.simSwapDateWithheldBy],
    lowercaseLineStatusAt: [...values.lowercaseLineStatusAt],
    disabledPackages: [...values.disabledPackages],
  };
}
