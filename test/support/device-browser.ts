/**
 * A browser on a phone: follows redirects by hand between the gateway and the mock operators; the
 * operator's /authorize sees the device's mobile data-session address (the mock trusts a header
 * for it, since every test request really comes from 127.0.0.1).
 */
import { DEVICE_IP_HEADER } from '../../mocks/carriers/camara/authorize.ts';

export interface BrowserTrip {
  /** Every URL the browser requested, in order. */
  visited: URL[];
  /** The last response it got from the gateway or the operator. */
  last: Response;
  lastBody: string;
  /** Where it was finally sent outside the gateway and the mocks (the app), if anywhere. */
  leftFor?: URL;
}

export async function browseAsDevice(
  start: string,
  origins: { gateway: string; mocks: string },
  deviceIp?: string,
  /** How a hop is sent; the workerd suite hands gateway hops to the Worker's fetch handler. */
  send: (url: URL, init: RequestInit) => Promise<Response> = (url, init) => fetch(url, init),
): Promise<BrowserTrip> {
  const visited: URL[] = [];
  let url = new URL(start);
  for (let hop = 0; hop < 6; hop++) {
    visited.push(url);
    const toOperatorAuthorize = url.origin === origins.mocks && url.pathname.endsWith('/authorize');
    const response = await send(url, { redirect: 'manual', headers: toOperatorAuthorize && deviceIp ? { [DEVICE_IP_HEADER]: deviceIp } : {} });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return { visited, last: response, lastBody: await response.text() };
    }
    await response.body?.cancel();
    const next = new URL(location, url);
    if (next.origin !== origins.gateway && next.origin !== origins.mocks) return { visited, last: response, lastBody: '', leftFor: next };
    url = next;
  }
  throw new Error('too many redirects');
}
