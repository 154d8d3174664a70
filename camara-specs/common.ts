import { z } from 'zod';

/** CAMARA Commonalities 0.6 PhoneNumber. */
export const PhoneNumber = z
  .string()
  .regex(/^\+[1-9][0-9]{4,14}$/, 'must be an E.164 number with a leading + (pattern ^\\+[1-9][0-9]{4,14}$)');
