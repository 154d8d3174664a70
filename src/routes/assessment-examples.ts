/**
 * The assessment routes' OpenAPI examples: requests that succeed against the embedded default
 * gateway (`npm start`), and the answers it gave them, as recorded from a real run (ids, times and
 * latencies are that run's). +447700900506 is a Brightwave customer of five years, never swapped,
 * whose handset is placing a call now: a genuine caller (mocks/README.md).
 */
import type { z } from 'zod';
import type { AssessmentRecordView, OutcomeRequest } from './assessment-records.ts';
import type { AssessmentRequest, AssessmentResponse } from './assessment-schemas.ts';

const ASSESSMENT_ID = 'c5ad450b-5081-4cab-8535-f3bab205ab76';
const AGENT_SCREEN_URL = `http://127.0.0.1:8080/agent/calls/${ASSESSMENT_ID}?t=1796474943.n2elLn_fHULxO7E8Aq6y_S9SzwDVyw4Ihu8GC00caxs`;

export const ASSESSMENT_REQUEST_EXAMPLE = {
  phoneNumber: '+447700900506',
  context: { channel: 'ivr', action: 'change_address', inboundCall: true },
} satisfies z.input<typeof AssessmentRequest>;

type SignalSummary = z.input<typeof AssessmentResponse>['signals'][number];
const signal = (kind: SignalSummary['kind'], operation: SignalSummary['operation'], provider: string, latencyMs: number): SignalSummary => ({
  kind,
  operation,
  status: 'ok',
  provider,
  ageSeconds: 0,
  cached: false,
  latencyMs,
});

export const ASSESSMENT_ANSWER_EXAMPLE = {
  assessmentId: ASSESSMENT_ID,
  confidence: 85,
  level: 'high',
  recommendation: 'allow',
  reasons: [
    { code: 'SIM_STABLE', signal: 'sim_swap', effect: 10, message: 'no SIM change in the last 30 days' },
    { code: 'FORWARDING_NONE', signal: 'call_forwarding', effect: 5, message: 'no call forwarding' },
    { code: 'LINE_MOBILE', signal: 'line_type', effect: 0, message: 'a mobile line' },
    { code: 'CALLER_ON_CALL', signal: 'call_state', effect: 20, message: 'the handset is placing a call now' },
  ],
  unanswered: [],
  signals: [
    signal('sim_swap', 'sim_swap.retrieve_date', 'vonage', 9),
    signal('sim_swap', 'sim_swap.check', 'vonage', 25),
    signal('call_forwarding', 'call_forwarding.services', 'brightwave', 49),
    signal('call_forwarding', 'call_forwarding.unconditional', 'brightwave', 63),
    signal('roaming', 'roaming.retrieve', 'nokia', 25),
    signal('line_type', 'line_type.retrieve', 'telesign', 41),
    signal('call_state', 'call_state.retrieve', 'telesign', 96),
  ],
  degraded: false,
  policy: {
    name: 'default',
    tier: 'high',
    action: 'change_address',
    channel: 'ivr',
    inboundCall: true,
    decidedBy: [{ code: 'SCORE', recommendation: 'allow', message: 'confidence 85 on the high-risk scale -> allow' }],
  },
  correlator: '4ba7326c-739d-4eba-9ef2-e51e8db59083',
  assessedAt: '2026-12-05T04:49:03.965Z',
  deadlineMs: 1000,
  agentScreenUrl: AGENT_SCREEN_URL,
} satisfies z.input<typeof AssessmentResponse>;

export const OUTCOME_REQUEST_EXAMPLE = { outcome: 'genuine' } satisfies z.input<typeof OutcomeRequest>;

export const RECORD_EXAMPLE = {
  ...ASSESSMENT_ANSWER_EXAMPLE,
  maskedNumber: '••••••••06',
  expiresAt: '2026-12-06T04:49:03.965Z',
} satisfies z.input<typeof AssessmentRecordView>;

export const RECORD_WITH_OUTCOME_EXAMPLE = {
  ...RECORD_EXAMPLE,
  outcome: { outcome: 'genuine', recordedAt: '2026-12-05T04:49:03.969Z' },
} satisfies z.input<typeof AssessmentRecordView>;

export const PRESCREEN_REQUEST_EXAMPLE = { callerNumber: '+447700900506', action: 'change_address', callId: 'connect-contact-0001' };

export const PRESCREEN_ANSWER_EXAMPLE = {
  recommendation: 'allow',
  confidence: '85',
  level: 'high',
  reasonCodes: 'SIM_STABLE,FORWARDING_NONE,LINE_MOBILE,CALLER_ON_CALL',
  unansweredCodes: '',
  degraded: 'false',
  assessmentId: '96c11037-626a-48ee-9c56-1607fba134b3',
  agentScreenUrl: 'http://127.0.0.1:8080/agent/calls/96c11037-626a-48ee-9c56-1607fba134b3?t=1796474943.3cXlG9RduQVJL6P2c5YN981pZKR8cow6CWAEnWCoJZE',
  action: 'change_address',
  tier: 'high',
  assessedAt: '2026-12-05T04:49:03.986Z',
  callId: 'connect-contact-0001',
  correlator: '6763bb78-95bb-493e-80b8-45a36f267e46',
};

/** The id a GET or an outcome needs comes from the verdict's answer. */
export const ASSESSMENT_ID_PARAMETER = {
  id: { description: 'The assessmentId of a verdict (POST /v1/assessments or /v1/ivr/prescreen); another tenant\'s is as unknown as a missing one', example: ASSESSMENT_ID },
};

export const ASSESSMENT_LINKS = {
  getAssessment: { operationId: 'getAssessment', parameters: { id: '$response.body#/assessmentId' }, description: 'Read this verdict again' },
  recordAssessmentOutcome: { operationId: 'recordAssessmentOutcome', parameters: { id: '$response.body#/assessmentId' }, description: 'Tell what the call turned out to be' },
};
