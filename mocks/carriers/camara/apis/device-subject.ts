/**
 * The `device` object of the device-status APIs (Device Reachability Status, Device Roaming
 * Status 1.1.0) and the identifier rules that go with it: a 3-legged token names the device and
 * `device` must be absent (422 UNNECESSARY_IDENTIFIER); a 2-legged token needs it
 * (422 MISSING_IDENTIFIER). Of the four identifier types the mock operators resolve phoneNumber,
 * and ipv4Address by the line's mobile data session; ipv6Address and networkAccessIdentifier alone
 * are 422 UNSUPPORTED_IDENTIFIER.
 */
import type { Subscriber } from '../../../world/subscriber.ts';
import { CamaraProblem } from '../../shared/camara-wire.ts';
import type { AccessTokenRecord } from '../state.ts';
import type { CamaraApiDeps } from './api.ts';
import type { Device } from '../../../../camara-specs/common.ts';


export interface IdentifiedDevice {
  phoneNumber: string;
  subscriber: Subscriber;
  /**
   * The identifier used, echoed as `device` when the request named more than one (DeviceResponse:
   * exactly one property); undefined otherwise.
   */
  echo: Record<string, unknown> | undefined;
}

export function identifyDevice(deps: CamaraApiDeps, token: Pick<AccessTokenRecord, 'phoneNumber'>, device: Device | undefined): IdentifiedDevice {
  if (token.phoneNumber !== null) {
    if (device !== undefined) throw new CamaraProblem(422, 'UNNECESSARY_IDENTIFIER', 'The device is already identified by the access token.');
    return { phoneNumber: token.phoneNumber, subscriber: served(deps, token.phoneNumber), echo: undefined };
  }
  if (device === undefined) throw new CamaraProblem(422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
  const several = Object.keys(device).length > 1;
  if (device.phoneNumber !== undefined) {
    return { phoneNumber: device.phoneNumber, subscriber: served(deps, device.phoneNumber), echo: several ? { phoneNumber: device.phoneNumber } : undefined };
  }
  if (device.ipv4Address !== undefined) {
    const phoneNumber = lineOfAddress(deps, device.ipv4Address.publicAddress, device.ipv4Address.privateAddress);
    return { phoneNumber, subscriber: served(deps, phoneNumber), echo: several ? { ipv4Address: device.ipv4Address } : undefined };
  }
  throw new CamaraProblem(422, 'UNSUPPORTED_IDENTIFIER', 'The identifier provided is not supported.');
}

function served(deps: CamaraApiDeps, phoneNumber: string): Subscriber {
  const subscriber = deps.ctx.world.isServedBy(phoneNumber, deps.operators);
  if (!subscriber) throw new CamaraProblem(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
  return subscriber;
}

/** The line whose mobile data session holds the address (the mock does no NAT: public = allocated). */
function lineOfAddress(deps: CamaraApiDeps, publicAddress: string, privateAddress: string | undefined): string {
  const match = deps.ctx.world
    .list()
    .find(
      (line) =>
        deps.operators.has(line.operator) &&
        line.dataSession !== null &&
        (line.dataSession.ipv4 === publicAddress || line.dataSession.ipv4 === privateAddress),
    );
  if (!match) throw new CamaraProblem(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
  return match.phoneNumber;
}

/** The operator cannot tell this line's live status now (setting statusUnknownNumbers). */
export function assertStatusKnown(deps: CamaraApiDeps, phoneNumber: string): void {
  if (deps.settings.current.statusUnknownNumbers.includes(phoneNumber)) {
    throw new CamaraProblem(503, 'UNAVAILABLE', 'The network cannot tell the status of this device right now.');
  }
}
