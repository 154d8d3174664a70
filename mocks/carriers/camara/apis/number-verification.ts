import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { AUTHORIZATION_CODE_GRANT } from '../profiles.ts';
import { requireToken } from '../camara-http.ts';
import { CamaraProblem, readJsonBody, type CorrelatorRule } from '../../shared/camara-wire.ts';
import type { AccessTokenRecord } from '../state.ts';
import type { CamaraApi, CamaraApiDeps } from './api.ts';

/**
 * CAMARA Number Verification 2.x (`/number-verification/v2`), faithful to the official 2.1.0 and
 * 2.0.0 definitions: POST /verify and GET /device-phone-number. 3-legged only, and only with a
 * token whose line was authenticated by the mobile network (this mock's authorization-code flow,
 * see ../authorize.ts); client-credentials and CIBA tokens get 403
 * NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK.
 */

export interface NumberVerificationProfile {
  /** 2.1.0 (Commonalities 0.6) or 2.0.0 (0.5: narrower x-correlator, no pattern on hashedPhoneNumber). */
  version: '2.1.0' | '2.0.0';
}

export const NV_VERIFY_SCOPE = 'number-verification:verify';
export const NV_SHARE_SCOPE = 'number-verification:device-phone-number:read';
export const NOT_NETWORK_AUTHENTICATED = 'NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK';

const PhoneNumber = z.string().regex(/^\+[1-9][0-9]{4,14}$/, 'must match ^\\+[1-9][0-9]{4,14}$');

/** Exactly one of phoneNumber / hashedPhoneNumber (minProperties = maxProperties = 1); anything else is 400. */
function verifyBody(version: NumberVerificationProfile['version']) {
  const hashed = version === '2.1.0' ? z.string().regex(/^[a-fA-F0-9]{64}$/, 'must match ^[a-fA-F0-9]{64}$') : z.string();
  return z
    .strictObject({ phoneNumber: PhoneNumber.optional(), hashedPhoneNumber: hashed.optional() })
    .refine((body) => (body.phoneNumber === undefined) !== (body.hashedPhoneNumber === undefined), {
      message: 'exactly one of phoneNumber or hashedPhoneNumber is required',
    });
}

const CORRELATOR: Record<NumberVerificationProfile['version'], CorrelatorRule> = {
  '2.1.0': 'commonalities-0.6',
  '2.0.0': 'commonalities-0.5',
};

export const numberVerificationApi: CamaraApi<NumberVerificationProfile> = {
  scopes: [NV_VERIFY_SCOPE, NV_SHARE_SCOPE],
  // Number Verification 0.3.1 scope names, still seen in `dpv:...#<scope>` form.
  legacyScopeAliases: { 'number-verification-verify-read': NV_VERIFY_SCOPE, 'number-verification-share-read': NV_SHARE_SCOPE },

  mount(_app, deps, profile) {
    const Body = verifyBody(profile.version);
    deps.operation({
      name: 'number-verification/v2/verify',
      path: '/number-verification/v2/verify',
      correlator: CORRELATOR[profile.version],
      handler: async (c) => {
        const token = requireToken(c, deps.state, nowOf(deps), [NV_VERIFY_SCOPE]);
        const body = await readJsonBody(c, Body);
        const line = networkAuthenticatedLine(token);
        const verified =
          body.phoneNumber !== undefined
            ? body.phoneNumber === line
            : body.hashedPhoneNumber!.toLowerCase() === sha256Hex(line);
        return c.json({ devicePhoneNumberVerified: verified });
      },
    });
    deps.operation({
      name: 'number-verification/v2/device-phone-number',
      path: '/number-verification/v2/device-phone-number',
      method: 'GET',
      correlator: CORRELATOR[profile.version],
      handler: async (c: Context) => {
        const token = requireToken(c, deps.state, nowOf(deps), [NV_SHARE_SCOPE]);
        return c.json({ devicePhoneNumber: networkAuthenticatedLine(token) });
      },
    });
  },
};

/** The token's line, if the mobile network authenticated it; the number is never taken from the body. */
function networkAuthenticatedLine(token: AccessTokenRecord): string {
  if (token.grant !== AUTHORIZATION_CODE_GRANT || token.phoneNumber === null) {
    throw new CamaraProblem(403, NOT_NETWORK_AUTHENTICATED, 'Client must authenticate via the mobile network to use this service');
  }
  return token.phoneNumber;
}

function nowOf(deps: CamaraApiDeps): number {
  return deps.ctx.world.now().getTime();
}

/** SHA-256 of the E.164 string including its '+', lowercase hex. */
export function sha256Hex(phoneNumber: string): string {
  return createHash('sha256').update(phoneNumber).digest('hex');
}
