import { FAULT_KINDS, FaultRuleInputSchema, parametersOf, type FaultKind, type FaultRule } from './rule.ts';
import { issueSentences, safeParseInput } from '../input-issues.ts';

/**
 * Per-request fault, overriding the registered rules:
 *
 *   x-mock-fault: <kind>[=<value>] *( ";" <parameter>=<value> )
 *
 * `<value>` sets the kind's main parameter (PRIMARY below). Parameters are the rule's own fields
 * (not carrier/endpoint/phoneNumber/times/id), named case-insensitively with `-` and `_` ignored
 * and the unit suffix optional: `retry-after`, `jitter-ms` or `jitter`, `duration`, `size`.
 * Parts are separated by `;` because a comma would split an HTTP date. Examples:
 *   status=429; retry-after=Wed, 21 Oct 2026 07:28:00 GMT      latency=200; jitter=100
 *   slow_body=2000; chunks=20    reset; after-bytes=10    wrong_type; field=swapped
 *   oversized=3000000    redirect=307; location=http://127.0.0.2:9/x    hang    malformed
 */
export const FAULT_HEADER = 'x-mock-fault';

export class FaultHeaderError extends Error {
  constructor(message: string) {
    super(`invalid ${FAULT_HEADER} header: ${message}`);
    this.name = 'FaultHeaderError';
  }
}

/** The parameter `<kind>=<value>` sets. */
const PRIMARY: Partial<Record<FaultKind, string>> = {
  status: 'status',
  latency: 'latencyMs',
  reset: 'afterBytes',
  slow_body: 'durationMs',
  wrong_type: 'field',
  oversized: 'sizeBytes',
  redirect: 'status',
};

/** Parameters that stay strings even when they are all digits. */
const TEXT_PARAMETERS = new Set(['check', 'field', 'location']);

export function parseFaultHeader(value: string): FaultRule {
  const [head = '', ...rest] = value.split(';').map((part) => part.trim()).filter(Boolean);
  const [kindName, kindValue] = splitPair(head);
  const kind = kindName.toLowerCase().replaceAll('-', '_') as FaultKind;
  if (!FAULT_KINDS.includes(kind)) throw new FaultHeaderError(`unknown kind "${kindName}" (one of ${FAULT_KINDS.join(', ')})`);
  const rule: Record<string, unknown> = { kind };
  if (kindValue !== undefined) {
    const primary = PRIMARY[kind];
    if (!primary) throw new FaultHeaderError(`"${kind}" takes no value`);
    rule[primary] = typed(primary, kindValue);
  }
  const parameters = parametersOf(kind);
  for (const part of rest) {
    const [name, raw] = splitPair(part);
    const field = parameters.find((candidate) => namesMatch(name, candidate));
    if (!field || raw === undefined) throw new FaultHeaderError(`unknown parameter "${part}" for "${kind}"`);
    rule[field] = typed(field, raw);
  }
  const parsed = safeParseInput(FaultRuleInputSchema, rule);
  if (!parsed.success) throw new FaultHeaderError(issueSentences(parsed.error).join('; '));
  return { ...parsed.data, id: 'header' };
}

/** `Retry-After`, `retry_after`, `retryafter` all name retryAfter; `jitter` names jitterMs. */
function namesMatch(given: string, field: string): boolean {
  const normalize = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
  const wanted = normalize(field);
  const name = normalize(given);
  return name === wanted || name === wanted.replace(/(ms|bytes)$/, '');
}

function typed(field: string, text: string): number | string {
  return !TEXT_PARAMETERS.has(field) && /^-?\d+$/.test(text) ? Number(text) : text;
}

function splitPair(part: string): [string, string | undefined] {
  const at = part.indexOf('=');
  return at === -1 ? [part.trim(), undefined] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
}
