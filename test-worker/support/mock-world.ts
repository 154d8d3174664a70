/**
 * The mock carriers' admin API (/_world, mocks/README.md) over HTTP: the workerd tests cannot
 * reach the Node objects, so they change the world, add faults and read counters this way.
 */
import { inject } from 'vitest';

export interface MockWorld {
  url: string;
  subscriber(phoneNumber: string): Promise<Record<string, unknown>>;
  /** Merges `state` into the subscriber and returns what the world stored (relative times resolved). */
  update(phoneNumber: string, state: Record<string, unknown>): Promise<any>;
  reset(): Promise<void>;
  addFault(rule: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  /** Requests a carrier received at one endpoint since the last resetStats(). */
  count(carrier: string, endpoint: string): Promise<number>;
  resetStats(): Promise<void>;
  /** Changes a carrier's run-time settings (mocks/carriers/camara/settings.ts); resetSettings() puts them back. */
  updateSettings(carrier: string, patch: Record<string, unknown>): Promise<void>;
  resetSettings(carrier: string): Promise<void>;
}

export function mockWorld(): MockWorld {
  const url = inject('numtrust').mocksUrl;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/_world${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_world${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const subscriberPath = (phoneNumber: string) => `/subscribers/${encodeURIComponent(phoneNumber)}`;
  return {
    url,
    subscriber: (phoneNumber) => admin('GET', subscriberPath(phoneNumber)),
    async update(phoneNumber, state) {
      const { phoneNumber: _, ...current } = await admin('GET', subscriberPath(phoneNumber));
      return admin('PUT', subscriberPath(phoneNumber), { ...current, ...state });
    },
    reset: () => admin('POST', '/reset'),
    addFault: (rule) => admin('POST', '/faults', rule),
    clearFaults: () => admin('DELETE', '/faults'),
    async count(carrier, endpoint) {
      const stats = (await admin('GET', '/stats')) as Record<string, Record<string, number>>;
      return stats[carrier]?.[endpoint] ?? 0;
    },
    resetStats: () => admin('POST', '/stats/reset'),
    updateSettings: (carrier, patch) => admin('PUT', `/carriers/${carrier}/settings`, patch),
    resetSettings: (carrier) => admin('DELETE', `/carriers/${carrier}/settings`),
  };
}
