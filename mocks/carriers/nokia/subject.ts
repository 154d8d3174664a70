import type { Context } from 'hono';

/** The number a request is about, for fault rules: `phoneNumber` (SIM Swap 0.4 lets it go without '+') or `device.phoneNumber`. */
export async function phoneNumberOfRequest(c: Context): Promise<string | undefined> {
  try {
    const body: unknown = JSON.parse(await c.req.text());
    if (!body || typeof body !== 'object') return undefined;
    const direct = (body as { phoneNumber?: unknown }).phoneNumber;
    if (typeof direct === 'string') return direct.startsWith('+') ? direct : `+${direct}`;
    const device = (body as { device?: { phoneNumber?: unknown } }).device;
    return typeof device?.phoneNumber === 'string' ? device.phoneNumber : undefined;
  } catch {
    return undefined;
  }
}
