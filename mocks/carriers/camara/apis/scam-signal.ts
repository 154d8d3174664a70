import { z } from 'zod';
import { requireToken } from '../camara-http.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import type { CamaraApi } from './api.ts';
import { subscriberFor } from './subject.ts';
import { PhoneNumber } from '../../../../camara-specs/common.ts';

/**
 * A live call-state check in the style of GSMA Scam Signal. NOT a CAMARA release: Scam Signal is
 * managed by the GSMA outside CAMARA and has no public specification. This follows a vendor
 * definition published by a CAMARA gateway (POST /scam-signal/v0.3/signal {phoneNumber, context?}
 * → {isInVoiceCall, assessedAt}) with CAMARA-style errors, identifier rules and x-correlator.
 *
 * isInVoiceCall: true while the line is in a voice call, whoever placed it (no direction, no
 * duration); null when the operator cannot tell: IoT lines, and lines in the setting
 * statusUnknownNumbers.
 */

export interface ScamSignalProfile {
  versions: Array<'v0.3'>;
}

export const SCAM_SIGNAL_SCOPE = 'scam-signal:signal';

const Body = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
  /** Free-form context of the transaction being assessed (payment, login...); not used by the mock. */
  context: z.looseObject({}).optional(),
});

export const scamSignalApi: CamaraApi<ScamSignalProfile> = {
  scopes: [SCAM_SIGNAL_SCOPE],
  legacyScopeAliases: {},

  mount(_app, deps, profile) {
    for (const version of profile.versions) {
      deps.operation({
        name: `scam-signal/${version}/signal`,
        path: `/scam-signal/${version}/signal`,
        correlator: 'commonalities-0.6',
        handler: async (c) => {
          const now = deps.ctx.world.now();
          const token = requireToken(c, deps.state, now.getTime(), [SCAM_SIGNAL_SCOPE]);
          const body = await readJsonBody(c, Body);
          const { phoneNumber, subscriber } = subscriberFor(deps, token, body.phoneNumber);
          const cannotTell = subscriber.lineType !== 'mobile' || deps.settings.current.statusUnknownNumbers.includes(phoneNumber);
          return c.json({ isInVoiceCall: cannotTell ? null : subscriber.call !== null, assessedAt: deps.formatTime(now) });
        },
      });
    }
  },
};
