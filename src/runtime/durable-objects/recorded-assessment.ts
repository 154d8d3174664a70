import type { AssessmentRecord, RecordedOutcome } from '../../shared-state/port.ts';
import { Retained } from './retained.ts';

/**
 * One assessment record (binding ASSESSMENT_RECORDS, one object per assessment id): the verdict
 * with the number masked, until the record's `retainUntil`. Its outcome is set once: of concurrent
 * outcomes the first is kept (Retained: every method is atomic).
 */
export class RecordedAssessment extends Retained<AssessmentRecord> {
  put(record: AssessmentRecord): Promise<void> {
    return this.keep(record, record.retainUntil);
  }

  get(): AssessmentRecord | undefined {
    return this.live()?.value;
  }

  setOutcome(outcome: RecordedOutcome): { record: AssessmentRecord; first: boolean } | undefined {
    const kept = this.live();
    if (!kept) return undefined;
    if (kept.value.outcome) return { record: kept.value, first: false };
    const record = { ...kept.value, outcome };
    this.replace(kept, record);
    return { record, first: true };
  }
}
