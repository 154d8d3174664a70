/**
 * What each channel can wait for. An IVR decides in the first second of a call, an agent's screen
 * fills within about two; both hedge a provider's slowest 5 % of answers (at the default hedge
 * budget of 10 %, more would make the budget, not the latency, decide which calls are hedged). An
 * app or a callback can wait a little longer and hedges only the slowest 1 % (a hedge is a paid
 * call, and a hedge that wins makes the verdict degraded).
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
  ivr: { deadlineMs: 1_000, hedging: { quantile: 0.95 } },
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
