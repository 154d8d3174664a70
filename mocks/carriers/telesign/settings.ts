import { z } from 'zod';
import type { CarrierSettings } from '../carrier.ts';
import { parseInput } from '../../input-issues.ts';

export const TELESIGN_ADDONS = ['sim_swap', 'call_forward_detection', 'active_call_status'] as const;
export type TelesignAddon = (typeof TELESIGN_ADDONS)[number];

/** Knobs of the mock Telesign account (`PUT /_world/carriers/telesign/settings`). */
export const TelesignSettingsSchema = z.strictObject({
  /** Refuse Basic authentication: only HMAC "TSA" signatures are accepted. */
  requireTsa: z.boolean(),
  /** How far the request's Date may be from the world's clock, either way. */
  dateToleranceSeconds: z.number().int().min(1).max(86_400),
  /** Home countries (ISO 3166-1 alpha-2) where active_call_status has coverage; elsewhere 2803. */
  activeCallStatusCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as GB')),
  /** sim_swap reports swap_time; false = date only (the docs call the time "if available"). */
  reportSwapTime: z.boolean(),
  /** Add-ons enabled for the account; asking for another → 401 −20002. */
  enabledAddons: z.array(z.enum(TELESIGN_ADDONS)),
});

export type TelesignSettingsValues = z.output<typeof TelesignSettingsSchema>;

export const DEFAULT_TELESIGN_SETTINGS: TelesignSettingsValues = {
  requireTsa: false,
  dateToleranceSeconds: 900,
  activeCallStatusCountries: ['GB'],
  reportSwapTime: true,
  enabledAddons: [...TELESIGN_ADDONS],
};

export class TelesignSettings implements CarrierSettings {
  private values: TelesignSettingsValues = structuredClone(DEFAULT_TELESIGN_SETTINGS);

  get current(): Readonly<TelesignSettingsValues> {
    return this.values;
  }

  get(): TelesignSettingsValues {
    return structuredClone(this.values);
  }

  update(patch: unknown): TelesignSettingsValues {
    this.values = parseInput(TelesignSettingsSchema, { ...this.values, ...parseInput(TelesignSettingsSchema.partial(), patch) });
    return this.get();
  }

  reset(): void {
    this.values = structuredClone(DEFAULT_TELESIGN_SETTINGS);
  }
}
