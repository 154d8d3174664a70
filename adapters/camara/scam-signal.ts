/**
 * Live call state from a GSMA Scam Signal style API: POST /scam-signal/v0.3/signal {phoneNumber}
 * → {isInVoiceCall: boolean | null, assessedAt}. NOT a CAMARA release (Scam Signal is managed by
 * the GSMA and has no public specification); this follows a vendor definition published by a
 * CAMARA gateway, with CAMARA-style errors, identifier rules and scope `scam-signal:signal`.
 *
 * It says whether a call is up, not who placed it nor for how long: direction and
 * durationSeconds are always null. isInVoiceCall null (or absent) = the operator cannot tell.
 */
import { z } from 'zod';
import type { ScamSignalApiConfig } from './config.ts';
import { UNKNOWN_NUMBER_CODES } from './errors.ts';
import { parseWith, type CamaraOperationTable } from './api-operation.ts';

const SignalResponse = z.object({
  isInVoiceCall: z.boolean().nullable().optional(),
  assessedAt: z.iso.datetime({ offset: true }),
});

export function scamSignalOperations(api: ScamSignalApiConfig): CamaraOperationTable {
  return {
    'call_state.retrieve': {
      id: 'call_state.retrieve',
      scope: 'scam-signal:signal',
      path: `${api.basePath ?? `/scam-signal/${api.version}`}/signal`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject: (phoneNumber) => ({ phoneNumber }),
      body: () => ({}),
      parse: (json) => {
        const parsed = parseWith(SignalResponse, json, (body) => body.isInVoiceCall ?? null);
        if (!parsed.ok) return parsed;
        if (parsed.value === null) {
          return { ok: 'cannot_tell', message: 'the operator cannot tell whether this line is in a voice call' };
        }
        return { ok: true, value: { onCall: parsed.value, direction: null, durationSeconds: null } };
      },
    },
  };
}
