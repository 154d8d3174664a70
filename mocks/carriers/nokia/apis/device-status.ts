import { RequestReachabilityStatus, RoamingStatusRequest } from '../../../../camara-specs/device-status-v1.ts';
import type { Device } from '../../../../camara-specs/common.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import { MCC_OF_COUNTRY } from '../../shared/country-mcc.ts';
import { PROBLEMS } from '../errors.ts';
import type { NacApiDeps, NacEndpoint } from './endpoint.ts';

/**
 * Device Reachability Status 1 and Device Roaming Status 1 under `/device-status`. The device is
 * named by `device.phoneNumber` (NaC's key is 2-legged: no device → 422 MISSING_IDENTIFIER);
 * other identifiers alone → 422 UNSUPPORTED_IDENTIFIER. `device` is echoed (as the phone number
 * used) only when the request named more than one identifier, as the spec asks.
 */

function deviceOf(deps: NacApiDeps, body: { device?: Device | undefined }) {
  if (body.device === undefined) throw PROBLEMS.missingIdentifier();
  const { phoneNumber } = body.device;
  if (phoneNumber === undefined) throw PROBLEMS.unsupportedIdentifier();
  const { subscriber } = deps.coverage.lineOf(deps.world, phoneNumber);
  const echo = Object.keys(body.device).length > 1 ? { device: { phoneNumber } } : {};
  return { subscriber, echo };
}

export function deviceStatusEndpoints(deps: NacApiDeps): NacEndpoint[] {
  return [
    {
      name: 'reachability',
      path: '/device-status/device-reachability-status/v1/retrieve',
      handler: async (c) => {
        const { subscriber, echo } = deviceOf(deps, await readJsonBody(c, RequestReachabilityStatus));
        const lastStatusTime = deps.world.now().toISOString();
        const reachable = subscriber.reachable.length > 0;
        return c.json({ ...echo, lastStatusTime, reachable, ...(reachable ? { connectivity: subscriber.reachable } : {}) });
      },
    },
    {
      name: 'roaming',
      path: '/device-status/device-roaming-status/v1/retrieve',
      handler: async (c) => {
        const { subscriber, echo } = deviceOf(deps, await readJsonBody(c, RoamingStatusRequest));
        const lastStatusTime = deps.world.now().toISOString();
        if (!subscriber.roaming) return c.json({ ...echo, lastStatusTime, roaming: false });
        const { country } = subscriber.roaming;
        const countryCode = MCC_OF_COUNTRY[country];
        return c.json({
          ...echo,
          lastStatusTime,
          roaming: true,
          ...(countryCode !== undefined ? { countryCode } : {}),
          countryName: [country],
        });
      },
    },
  ];
}
