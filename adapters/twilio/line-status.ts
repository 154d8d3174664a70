/**
 * Reading the line_status package (the HLR's word, returned as-is, in whatever case):
 *   Reachable   → reachable true (the handset is attached now)
 *   Unreachable → reachable false (assigned, but switched off or out of coverage)
 *   Active      → not_supported: assigned, but the HLR does not say whether it is reachable
 *   Inactive    → not_found: no subscriber holds the number
 *   Unknown     → UpstreamError 'server': the HLR could not be asked
 * Line status names no bearer: connectivity is always [] (not reported), lastStatusTime null.
 */
import { UpstreamError, type OperationOutcome } from '../../src/contract/adapter.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import type { LineStatusPackage } from './wire.ts';

export function reachabilityOf(pkg: LineStatusPackage, provider: string): OperationOutcome<'reachability.retrieve'> | UpstreamError {
  switch (pkg.status?.trim().toLowerCase()) {
    case 'reachable':
      return { status: 'ok', value: { reachable: true, connectivity: [], lastStatusTime: null } };
    case 'unreachable':
      return { status: 'ok', value: { reachable: false, connectivity: [], lastStatusTime: null } };
    case 'active':
      return { status: 'not_supported', message: `${provider}: the line is assigned (Active), but its reachability is not reported` };
    case 'inactive':
      return { status: 'not_found', message: `${provider}: the number is not assigned to a subscriber (Inactive)` };
    case 'unknown':
      return new UpstreamError(provider, 'server', `${provider}: line status Unknown (the carrier could not be asked)`, { httpStatus: 200 });
    default:
      return malformedAnswer(provider, 'line_status answered an unknown status');
  }
}
