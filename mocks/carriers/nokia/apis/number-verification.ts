import type { Context } from 'hono';
import { z } from 'zod';
import { NOT_NETWORK_AUTHENTICATED, sha256Hex } from '../../camara/apis/number-verification.ts';
import { CamaraProblem, readJsonBody } from '../../shared/camara-wire.ts';
import { nacClientOfRapidApiKey } from '../dev-credentials.ts';
import type { NacApiDeps, NacEndpoint } from './endpoint.ts';

/**
 * Number Verification behind `/passthrough/camara/v1/number-verification/number-verification/v0`,
 * as NaC's SDKs call it: POST /verify `{phoneNumber}` or `{hashedPhoneNumber}` →
 * `{devicePhoneNumberVerified}`, and GET /device-phone-number → `{devicePhoneNumber}`.
 * Besides the RapidAPI key, each call proves the device's authentication one of two ways:
 *   - fast flow: `?code=…&state=…` from NaC's /retrieve_csp_auth_url trip; NaC redeems the code
 *     (single-use, short-lived, this application's, the same state);
 *   - standard flow: `Authorization: Bearer <token>` from NaC's /oauth2/v1/token.
 * With neither, the network never authenticated a device: 403
 * NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK (as CAMARA NV answers a 2-legged call).
 * A code or token refused: 401 UNAUTHENTICATED. The number compared is always the line the
 * operator authenticated, never one taken from the request.
 */
const BASE = '/passthrough/camara/v1/number-verification/number-verification/v0';

const VerifyBody = z
  .strictObject({
    phoneNumber: z.string().regex(/^\+[1-9][0-9]{4,14}$/, 'must match ^\\+[1-9][0-9]{4,14}$').optional(),
    hashedPhoneNumber: z.string().regex(/^[a-fA-F0-9]{64}$/, 'must match ^[a-fA-F0-9]{64}$').optional(),
  })
  .refine((body) => (body.phoneNumber === undefined) !== (body.hashedPhoneNumber === undefined), {
    message: 'exactly one of phoneNumber or hashedPhoneNumber is required',
  });

export function numberVerificationEndpoints(deps: NacApiDeps): NacEndpoint[] {
  return [
    {
      name: 'number-verification/verify',
      path: `${BASE}/verify`,
      handler: async (c) => {
        const line = authenticatedLine(c, deps);
        const body = await readJsonBody(c, VerifyBody);
        const verified =
          body.phoneNumber !== undefined ? body.phoneNumber === line : body.hashedPhoneNumber!.toLowerCase() === sha256Hex(line);
        return c.json({ devicePhoneNumberVerified: verified });
      },
    },
    {
      name: 'number-verification/device-phone-number',
      path: `${BASE}/device-phone-number`,
      method: 'GET',
      handler: async (c) => c.json({ devicePhoneNumber: authenticatedLine(c, deps) }),
    },
  ];
}

/** The line the operator authenticated for this call: from the fast flow's code, or the standard flow's token. */
function authenticatedLine(c: Context, deps: NacApiDeps): string {
  const now = deps.world.now().getTime();
  const code = c.req.query('code');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  if (code !== undefined) {
    const record = deps.authorization.takeCode(code, now);
    const client = nacClientOfRapidApiKey(c.req.header('x-rapidapi-key') ?? '');
    const valid =
      record !== undefined && record.flow === 'fast' && record.clientId === client?.clientId && (record.state ?? '') === (c.req.query('state') ?? '');
    if (!valid) throw unauthenticated('The authorization code is invalid, expired or already used, or the state does not match.');
    return record.phoneNumber;
  }
  if (bearer) {
    const token = deps.authorization.findToken(bearer[1]!, now);
    if (!token) throw unauthenticated('The access token is invalid or expired.');
    return token.phoneNumber;
  }
  throw new CamaraProblem(403, NOT_NETWORK_AUTHENTICATED, 'Client must authenticate via the mobile network to use this service');
}

function unauthenticated(message: string): CamaraProblem {
  return new CamaraProblem(401, 'UNAUTHENTICATED', message);
}

