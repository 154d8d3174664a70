import { z } from 'zod';
import { E164 } from '../../world/subscriber.ts';
import type { CarrierSettings } from '../carrier.ts';
import { parseInput } from '../../input-issues.ts';

/** Knobs of a mock operator that tests and demos change at run time (`PUT /_world/carriers/{id}/settings`). */
export const CamaraSettingsSchema = z.strictObject({
  /** How long after bc-authorize the user "approves" (0 = approved by the first poll). */
  cibaApprovalDelayMs: z.number().int().min(0).max(600_000),
  /** `interval` answered by bc-authorize; polling faster gets slow_down. */
  cibaIntervalSeconds: z.number().int().min(1).max(60),
  /** `expires_in` answered by bc-authorize; polling after it gets expired_token. */
  cibaExpiresInSeconds: z.number().int().min(1).max(3600),
  /** Every CIBA request is refused by the user (access_denied once approval time comes). */
  cibaDenyAll: z.boolean(),
  /** Numbers whose users refuse consent (access_denied). */
  cibaDenyNumbers: z.array(E164),
  /** `expires_in` of issued access tokens. */
  tokenTtlSeconds: z.number().int().min(1).max(86_400),
  /**
   * Lines whose live network status the operator cannot determine right now: Scam Signal answers
   * isInVoiceCall null, Device Reachability / Roaming Status answer 503 UNAVAILABLE.
   */
  statusUnknownNumbers: z.array(E164),
});

export type CamaraSettingsValues = z.output<typeof CamaraSettingsSchema>;

export const DEFAULT_CAMARA_SETTINGS: CamaraSettingsValues = {
  cibaApprovalDelayMs: 0,
  cibaIntervalSeconds: 1,
  cibaExpiresInSeconds: 120,
  cibaDenyAll: false,
  cibaDenyNumbers: [],
  tokenTtlSeconds: 3600,
  statusUnknownNumbers: [],
};

export class CamaraSettings implements CarrierSettings {
  private readonly defaults: CamaraSettingsValues;
  private values: CamaraSettingsValues;

  constructor(defaults: CamaraSettingsValues) {
    this.defaults = CamaraSettingsSchema.parse(defaults);
    this.values = { ...this.defaults };
  }

  get current(): Readonly<CamaraSettingsValues> {
    return this.values;
  }

  get(): CamaraSettingsValues {
    return {
      ...this.values,
      cibaDenyNumbers: [...this.values.cibaDenyNumbers],
      statusUnknownNumbers: [...this.values.statusUnknownNumbers],
    };
  }

  update(patch: unknown): CamaraSettingsValues {
    this.values = parseInput(CamaraSettingsSchema, { ...this.values, ...parseInput(CamaraSettingsSchema.partial(), patch) });
    return this.get();
  }

  reset(): void {
    this.values = { ...this.defaults };
  }
}
