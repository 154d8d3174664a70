import { FaultRuleInputSchema, type FaultRule } from './rule.ts';

/** Per-request fault: `x-mock-fault: status=503; retry-after=2`, `latency=200`, `malformed`, `hang`, `check_error; check=x; code=y`. */
export const FAULT_HEADER = 'x-mock-fault';

export class FaultHeaderError extends Error {
  constructor(message: string) {
    super(`invalid ${FAULT_HEADER} header: ${message}`);
    this.name = 'FaultHeaderError';
  }
}

const KIND_PARAMETER: Record<string, string> = { status: 'status', latency: 'latencyMs' };
const EXTRA_PARAMETER: Record<string, string> = {
  'retry-after': 'retryAfter',
  retryafter: 'retryAfter',
  check: 'check',
  code: 'code',
};

/**
 * Parts are separated by `;` (a comma would split HTTP dates). The first part names the kind,
 * with its value for `status` and `latency`; later parts are extra parameters.
 */
export function parseFaultHeader(value: string): FaultRule {
  const [head = '', ...rest] = value.split(';').map((part) => part.trim()).filter(Boolean);
  const [kindName = '', kindValue] = splitPair(head);
  const kind = kindName.toLowerCase();
  const rule: Record<string, unknown> = { kind };
  const parameter = KIND_PARAMETER[kind];
  if (parameter) {
    if (kindValue === undefined) throw new FaultHeaderError(`"${kind}" needs a value, e.g. ${kind}=${kind === 'status' ? 503 : 200}`);
    rule[parameter] = toNumber(kindValue);
  } else if (kindValue !== undefined) {
    throw new FaultHeaderError(`"${kind}" takes no value`);
  }
  for (const part of rest) {
    const [name = '', raw] = splitPair(part);
    const field = EXTRA_PARAMETER[name.toLowerCase()];
    if (!field || raw === undefined) throw new FaultHeaderError(`unknown parameter "${part}"`);
    rule[field] = /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  const parsed = FaultRuleInputSchema.safeParse(rule);
  if (!parsed.success) {
    throw new FaultHeaderError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return { ...parsed.data, id: 'header' } as FaultRule;
}

function splitPair(part: string): [string, string | undefined] {
  const at = part.indexOf('=');
  return at === -1 ? [part.trim(), undefined] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
}

function toNumber(text: string): number | string {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}
