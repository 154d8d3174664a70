import { z } from 'zod';
import type { CarrierSettings } from '../carrier.ts';
import { parseInput } from '../../input-issues.ts';

/** NaC has no run-time knobs: the settings API accepts only an empty object. */
const NoSettingsSchema = z.strictObject({});
export const noSettings: CarrierSettings = {
  get: () => ({}),
  update: (patch) => parseInput(NoSettingsSchema, patch),
  reset: () => {},
};
