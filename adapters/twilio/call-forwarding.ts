/** Reading the call_forwarding package: unconditional forwarding only (major UK carriers). */
import type { OperationOutcome, UpstreamError } from '../../src/contract/adapter.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import type { CallForwardingPackage } from './wire.ts';

export function unconditionalForwarding(
  pkg: CallForwardingPackage,
  provider: string,
): OperationOutcome<'call_forwarding.unconditional'> | UpstreamError {
  const enabled = pkg.call_forwarding_enabled ?? null;
  const legacy = pkg.call_forwarding_status ?? null;
  if (enabled !== null && legacy !== null && enabled !== legacy) {
    return malformedAnswer(provider, 'call_forwarding_enabled and call_forwarding_status disagree');
  }
  const active = enabled ?? legacy;
  if (active === null) return malformedAnswer(provider, 'call_forwarding answered without call_forwarding_enabled');
  return { status: 'ok', value: { active } };
}
