import type { CheckErrorRule } from '../../faults/check-error.ts';
import type { Subscriber } from '../../world/subscriber.ts';
import type { TelesignAddon, TelesignSettingsValues } from './settings.ts';

/**
 * One object per requested PhoneID add-on ("identity attribute"), each with its own 28xx status:
 * 2800 success, 2803 out of coverage, 2805 no data, 2811 timeout (codes and descriptions from the
 * Telesign docs). The mock's own choice, unverified: 2801 for call_forward_detection without a
 * consent block.
 */

export interface AddonStatus {
  code: number;
  description: string;
}

export interface AddonEnvironment {
  /** undefined = a number the world does not know (answered with phone type INVALID). */
  subscriber: Subscriber | undefined;
  /** Home country of the subscriber's operator. */
  country: string | null;
  now: number;
  settings: Readonly<TelesignSettingsValues>;
  consentGiven: boolean;
  checkError: CheckErrorRule | undefined;
}

export const SUCCESS = 2800;
export const OUT_OF_COVERAGE = 2803;
export const NO_DATA = 2805;
export const PROCESSING_TIMEOUT = 2811;
export const CONSENT_MISSING = 2801;

function statusOf(code: number, addon: TelesignAddon): AddonStatus {
  switch (code) {
    case SUCCESS:
      return { code, description: 'Request successfully completed.' };
    case OUT_OF_COVERAGE:
      return { code, description: `Phone number out of ${addon} identity attribute coverage.` };
    case NO_DATA:
      return { code, description: `No ${addon} identity attribute information for phone number.` };
    case PROCESSING_TIMEOUT:
      return { code, description: 'Request processing timeout.' };
    case CONSENT_MISSING:
      return { code, description: `A consent record is required for ${addon}.` };
    default:
      return { code, description: `${addon} identity attribute could not be processed.` };
  }
}

export function addonAnswer(addon: TelesignAddon, env: AddonEnvironment): Record<string, unknown> {
  const failure = failureCode(addon, env);
  if (failure !== undefined) return { status: statusOf(failure, addon) };
  const subscriber = env.subscriber!;
  const fields =
    addon === 'sim_swap'
      ? simSwapFields(subscriber, env)
      : addon === 'call_forward_detection'
        ? callForwardFields(subscriber)
        : activeCallFields(subscriber, env.now);
  return { ...fields, status: statusOf(SUCCESS, addon) };
}

function failureCode(addon: TelesignAddon, env: AddonEnvironment): number | undefined {
  const fault = env.checkError;
  if (fault && (fault.check === undefined || fault.check === addon)) {
    const code = Number(fault.code ?? PROCESSING_TIMEOUT);
    return Number.isInteger(code) ? code : PROCESSING_TIMEOUT;
  }
  if (!env.subscriber) return NO_DATA;
  // IoT / M2M SIMs sit outside the fraud identity attributes.
  if (env.subscriber.lineType !== 'mobile') return OUT_OF_COVERAGE;
  if (addon === 'call_forward_detection' && !env.consentGiven) return CONSENT_MISSING;
  if (addon === 'active_call_status' && (env.country === null || !env.settings.activeCallStatusCountries.includes(env.country))) {
    return OUT_OF_COVERAGE;
  }
  return undefined;
}

const HOUR_MS = 3_600_000;

/**
 * risk_indicator per the docs: 4 = swapped the same day, 3 = within 72 hours, 2 = 3 to 14 days,
 * 1 = no swap or longer ago. The mock reads "the same day" as the last 24 hours.
 */
export function riskIndicator(swappedAt: number | null, now: number): 1 | 2 | 3 | 4 {
  if (swappedAt === null) return 1;
  const ageHours = (now - swappedAt) / HOUR_MS;
  if (ageHours <= 24) return 4;
  if (ageHours <= 72) return 3;
  if (ageHours <= 14 * 24) return 2;
  return 1;
}

function simSwapFields(subscriber: Subscriber, env: AddonEnvironment): Record<string, unknown> {
  // Activation is not a swap: Telesign reports the latest change of SIM for an existing line.
  const swappedAt = subscriber.simChangedAt === null ? null : Date.parse(subscriber.simChangedAt);
  const iso = swappedAt === null ? null : new Date(swappedAt).toISOString();
  const fields: Record<string, unknown> = {
    swap_date: iso === null ? null : iso.slice(0, 10),
    risk_indicator: riskIndicator(swappedAt, env.now),
  };
  if (env.settings.reportSwapTime) fields.swap_time = iso === null ? null : iso.slice(11, 19);
  return fields;
}

const CONDITION_NAMES = {
  conditional_busy: 'busy',
  conditional_no_answer: 'no_answer',
  conditional_not_reachable: 'not_reachable',
} as const;

/**
 * One type per answer, as Telesign reports it: unconditional forwarding (all calls) dominates
 * whatever conditional services are also set. Several conditions are joined with commas (the docs
 * show a single value, e.g. "busy").
 */
function callForwardFields(subscriber: Subscriber): Record<string, unknown> {
  const services = subscriber.forwarding;
  if (services.length === 0) {
    return { call_forward_enabled: 'false', call_forward_type: null, call_forward_condition: null };
  }
  if (services.includes('unconditional')) {
    return { call_forward_enabled: 'true', call_forward_type: 'unconditional', call_forward_condition: null };
  }
  const conditions = services.map((service) => CONDITION_NAMES[service as keyof typeof CONDITION_NAMES]);
  return { call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: conditions.join(',') };
}

/** call_direction: "calling" = the subscriber placed the call, "called" = the subscriber is receiving it. */
function activeCallFields(subscriber: Subscriber, now: number): Record<string, unknown> {
  const call = subscriber.call;
  if (!call) return { is_call_active: false, call_direction: null, call_duration: null };
  return {
    is_call_active: true,
    call_direction: call.direction === 'outgoing' ? 'calling' : 'called',
    call_duration: Math.max(0, Math.floor((now - Date.parse(call.startedAt)) / 1000)),
  };
}
