import { CHANNELS, RISK_TIERS } from '../../engine/assessment/policy.ts';
import { SIGNAL_KINDS } from '../../contract/signals.ts';
import { choice, integer, list, phoneNumber, positionals } from '../arguments.ts';
import type { ActionCommand, OptionValues } from '../command.ts';
import { UsageError } from '../errors.ts';
import { cell, pairs, table } from '../table.ts';

const NAME = 'assess';

export interface AssessmentAnswer {
  confidence: number;
  level: string;
  recommendation: string;
  degraded: boolean;
  reasons: Array<{ code: string; signal: string; effect: number; message: string }>;
  unanswered: Array<{ code: string; signal: string; message: string }>;
  signals: Array<{ kind: string; operation: string; status: string; provider: string | null; ageSeconds: number; cached: boolean; latencyMs: number }>;
  policy: { name: string; tier: string; action?: string; channel: string; inboundCall: boolean; decidedBy: Array<{ code: string; message: string }> };
  correlator: string;
}

/** The POST /v1/assessments body (src/routes/assessments.ts validates it again). */
function requestBody(number: string, options: OptionValues) {
  const action = options.action as string | undefined;
  const risk = choice(options.risk as string | undefined, RISK_TIERS, 'risk', NAME);
  const include = list(options.include as string | undefined, SIGNAL_KINDS, 'include', NAME);
  const exclude = list(options.exclude as string | undefined, SIGNAL_KINDS, 'exclude', NAME);
  const maxAge = integer(options['max-age'] as string | undefined, 'max-age', NAME);
  const deadlineMs = integer(options.deadline as string | undefined, 'deadline', NAME);
  const session = options.session as string | undefined;
  if (action !== undefined && risk !== undefined) throw new UsageError(`${NAME}: give --action or --risk, not both`, NAME);
  if (options.inbound === true && options['not-inbound'] === true) throw new UsageError(`${NAME}: give --inbound or --not-inbound, not both`, NAME);
  return {
    phoneNumber: number,
    context: {
      channel: choice(options.channel as string | undefined, CHANNELS, 'channel', NAME) ?? 'ivr',
      ...(action !== undefined ? { action } : { riskTier: risk ?? 'high' }),
      ...(options.inbound === true ? { inboundCall: true } : options['not-inbound'] === true ? { inboundCall: false } : {}),
    },
    ...(include || exclude ? { checks: { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) } } : {}),
    ...(maxAge !== undefined ? { maxAge } : {}),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    ...(session !== undefined ? { numberVerification: { sessionId: session } } : {}),
  };
}

/** The verdict as tables; `number` heads it (the record's masked number for a verdict read back). */
export function renderVerdict(number: string, answer: AssessmentAnswer): string {
  const { policy } = answer;
  const situation = [policy.channel, policy.action ? `${policy.action} (${policy.tier} risk)` : `${policy.tier} risk`, policy.inboundCall ? 'inbound call' : undefined];
  return [
    `${number}  ${situation.filter(Boolean).join(', ')}`,
    '',
    pairs([
      ['recommendation', answer.recommendation],
      ['confidence', `${answer.confidence} (${answer.level})`],
      ['degraded', answer.degraded ? 'yes: a check failed or a fallback answered' : 'no'],
    ]),
    '',
    answer.reasons.length
      ? table(['EFFECT', 'REASON', 'SIGNAL', 'MESSAGE'], answer.reasons.map((reason) => [signed(reason.effect), reason.code, reason.signal, reason.message]))
      : 'no reasons',
    '',
    ...(answer.unanswered.length
      ? [table(['UNANSWERED', 'SIGNAL', 'MESSAGE'], answer.unanswered.map((gap) => [gap.code, gap.signal, gap.message])), '']
      : []),
    table(
      ['SIGNAL', 'OPERATION', 'STATUS', 'PROVIDER', 'CACHED', 'LATENCY'],
      answer.signals.map((signal) => [signal.kind, signal.operation, signal.status, cell(signal.provider), signal.cached ? 'yes' : 'no', `${signal.latencyMs} ms`]),
    ),
    '',
    `decided by: ${answer.policy.decidedBy.map((decision) => `${decision.code}: ${decision.message}`).join('; ')}`,
  ].join('\n');
}

function signed(effect: number): string {
  return effect > 0 ? `+${effect}` : String(effect);
}

export const assessCommand: ActionCommand = {
  name: NAME,
  summary: 'one verdict for a number in a situation (POST /v1/assessments)',
  synopsis: '<number> [options]',
  details: [
    'Runs the checks the situation needs in parallel under one deadline and prints the',
    'recommendation (allow, step_up, specialist, deny), the confidence, every reason and every',
    'signal asked (status, provider, cache, latency). See docs/scoring.md.',
    'Without --action or --risk the assessment is for a high-risk action.',
  ],
  options: {
    action: { type: 'string', value: 'NAME', help: "one of the tenant's actions: balance_inquiry, payment, change_address, password_reset…" },
    risk: { type: 'string', value: 'TIER', help: `risk tier instead of an action: ${RISK_TIERS.join(', ')} (default high)` },
    channel: { type: 'string', value: 'NAME', help: `${CHANNELS.join(', ')} (default ivr; callback = we call the customer)` },
    inbound: { type: 'boolean', help: 'the number is calling us now: adds the on-hook (call state) check (the default on ivr and agent)' },
    'not-inbound': { type: 'boolean', help: 'the number is not calling us now (no on-hook check), also on ivr or agent' },
    include: { type: 'string', value: 'KINDS', help: `add checks, comma-separated: ${SIGNAL_KINDS.join(', ')}` },
    exclude: { type: 'string', value: 'KINDS', help: 'leave checks out, comma-separated' },
    'max-age': { type: 'string', value: 'HOURS', help: 'SIM swap look-back, 1-2400 hours (default 168)' },
    deadline: { type: 'string', value: 'MS', help: 'answer by then with what is known, 50-10000 ms (default 2500)' },
    session: { type: 'string', value: 'ID', help: 'a completed Number Verification session for this number' },
  },
  examples: [
    'numtrust assess +447700900005 --action change_address --inbound',
    'numtrust assess +447700900001 --risk low --channel agent --json',
    'numtrust assess +12025550101 --channel callback --include device_swap,reachability',
  ],
  prepare({ args, options }) {
    const [number] = positionals(args, ['number'], NAME).map((text) => phoneNumber(text, NAME));
    const body = requestBody(number!, options);
    return async (services) => {
      const answer = await services.gateway().call('POST', '/v1/assessments', body);
      return { json: answer.body, text: renderVerdict(number!, answer.body as AssessmentAnswer) };
    };
  },
};
