// Amazon Connect → numtrust pre-screen: an AWS Lambda function (Node.js 20 or later, no dependencies).
// Invoked from the flow's "Invoke AWS Lambda function" block with response validation STRING_MAP:
// it returns one flat object of strings, read in the flow as $.External.recommendation and so on.
//
// Environment: NUMTRUST_URL (https://numtrust.example.com), NUMTRUST_API_KEY (keep it in Secrets
// Manager or an encrypted variable), NUMTRUST_ACTION (the default action), NUMTRUST_TIMEOUT_MS.
// The flow may send the action as a function input parameter named `action`.
// Tested end to end against a real gateway: test/integration/ivr-examples.test.ts.

const FIELDS = ['recommendation', 'confidence', 'level', 'reasonCodes', 'unansweredCodes', 'degraded', 'assessmentId', 'agentScreenUrl', 'action', 'tier', 'assessedAt', 'callId'];

/** What the flow gets when numtrust could not answer: recommendation "unavailable", every other field a string too. */
function unavailable(reason, action) {
  const answer = Object.fromEntries(FIELDS.map((field) => [field, '']));
  return { ...answer, recommendation: 'unavailable', degraded: 'true', action, numtrustError: reason };
}

export async function handler(event) {
  const contact = event?.Details?.ContactData ?? {};
  const action = event?.Details?.Parameters?.action || process.env.NUMTRUST_ACTION || 'balance_inquiry';
  const body = {
    callerNumber: contact.CustomerEndpoint?.Address,
    ...(contact.SystemEndpoint?.Address ? { calledNumber: contact.SystemEndpoint.Address } : {}),
    ...(contact.ContactId ? { callId: contact.ContactId } : {}),
    action,
  };
  try {
    const response = await fetch(`${process.env.NUMTRUST_URL}/v1/ivr/prescreen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.NUMTRUST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // Under the block's timeout (at most 8 s): the flow gets the "unavailable" answer, not an error branch.
      signal: AbortSignal.timeout(Number(process.env.NUMTRUST_TIMEOUT_MS || 3000)),
    });
    const answer = await response.json();
    // A 400 (a withheld caller id, an unknown action) or another error: its CAMARA code, never the number.
    if (!response.ok) return unavailable(String(answer?.code ?? `HTTP_${response.status}`), action);
    return Object.fromEntries(Object.entries(answer).map(([name, value]) => [name, String(value)]));
  } catch (error) {
    return unavailable(error?.name === 'TimeoutError' ? 'TIMEOUT' : 'UNREACHABLE', action);
  }
}
