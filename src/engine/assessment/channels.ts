/**
 * What each channel can wait for. An IVR decides in the first second of a call and would rather
 * hedge a slow provider early; an agent's screen has about two seconds; an app or a callback can
 * wait a little longer and hedges only a provider's rare slowest answers (a hedge is a paid call).
 */
import type { GatewayConfig } from '../../config/schema.ts';
import type { HedgeSettings } from '../../resilience/hedging.ts';
import type { Channel } from './policy.ts';

export interface ChannelSettings {
  /** The assessment's deadline when the request names none. */
  deadlineMs: number;
  /** Over the gateway's hedging defaults; a provider × operation's own settings still win. */
  hedging: Partial<HedgeSettings>;
}

export const CHANNEL_DEFAULTS: Readonly<Record<Channel, ChannelSettings>> = {
  ivr: { deadlineMs: 1_000, hedging: { quantile: 0.9 } },
  agent: { deadlineMs: 2_000, hedging: { quantile: 0.95 } },
  app: { deadlineMs: 2_500, hedging: { quantile: 0.99 } },
  callback: { deadlineMs: 2_500, hedging: { quantile: 0.99 } },
};

/** A channel's settings: its configured ones, else `assessment.defaultDeadlineMs`, else the defaults above. */
export function channelSettings(assessment: GatewayConfig['assessment'], channel: Channel): ChannelSettings {
  const configured = assessment.channels?.[channel];
  const defaults = CHANNEL_DEFAULTS[channel];
  return {
    deadlineMs: configured?.deadlineMs ?? assessment.defaultDeadlineMs ?? defaults.deadlineMs,
    hedging: { ...defaults.hedging, ...configured?.hedging },
  };
}
