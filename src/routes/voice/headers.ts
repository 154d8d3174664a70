/** The Twilio webhook's headers, for the route and for `numtrust call` (which must not load the gateway). */
export const SIGNATURE_HEADER = 'x-twilio-signature';
/** On every verified answer with a verdict: the record to read back (GET /v1/assessments/{id}) and the agent's link; Twilio ignores them. */
export const ASSESSMENT_ID_HEADER = 'x-numtrust-assessment-id';
export const AGENT_SCREEN_HEADER = 'x-numtrust-agent-screen';
