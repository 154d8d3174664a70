/**
 * Reading the line_type_intelligence package: Twilio's `type` in numtrust's classes (compared
 * case-insensitively). `unknown` (or no type) is Twilio saying it cannot classify the number:
 * not_supported, never a class. A type Twilio added after this was written is `other`: a class
 * was named, just not one numtrust knows, so it counts for nothing either way.
 */
import type { OperationOutcome } from '../../src/contract/adapter.ts';
import type { LineType } from '../../src/contract/signals.ts';
import type { LineTypeIntelligencePackage } from './wire.ts';

const LINE_TYPES: ReadonlyMap<string, LineType> = new Map([
  ['mobile', 'mobile'],
  ['landline', 'landline'],
  ['fixedvoip', 'fixed_voip'],
  ['nonfixedvoip', 'non_fixed_voip'],
  ['tollfree', 'toll_free'],
  ['premium', 'premium'],
  ['sharedcost', 'shared_cost'],
  ['uan', 'uan'],
  ['personal', 'personal'],
  ['pager', 'pager'],
  ['voicemail', 'voicemail'],
]);

export function lineTypeOf(pkg: LineTypeIntelligencePackage, provider: string): OperationOutcome<'line_type.retrieve'> {
  const type = pkg.type?.trim().toLowerCase();
  if (!type || type === 'unknown') {
    return { status: 'not_supported', message: `${provider}: Line Type Intelligence cannot classify the number (type unknown)` };
  }
  return { status: 'ok', value: { lineType: LINE_TYPES.get(type) ?? 'other' } };
}
