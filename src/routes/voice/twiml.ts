/** TwiML answers of the Twilio webhook: the tenant's choice for a recommendation, or its fallback. */
import type { FlatVerdict } from './flat-verdict.ts';
import type { TwimlChoice } from './settings.ts';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text and attribute values alike; characters XML 1.0 cannot carry at all are dropped. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (character) => XML_ESCAPES[character]!);
}

/** Query parameters and task attributes say where they come from: a tenant's flow has its own. */
const PARAMETER_PREFIX = 'nt_';

function redirectUrl(url: string, verdict: FlatVerdict | undefined): string {
  const target = new URL(url);
  if (verdict) for (const [name, value] of Object.entries(verdict)) target.searchParams.set(PARAMETER_PREFIX + name, value);
  else target.searchParams.set(`${PARAMETER_PREFIX}fallback`, 'true');
  return target.href;
}

function taskAttributes(verdict: FlatVerdict | undefined): string {
  return JSON.stringify({ numtrust: verdict ?? { fallback: 'true' } });
}

/** `verdict` undefined: the fallback, which says so to the flow it hands the call to. */
export function twimlFor(choice: TwimlChoice, verdict: FlatVerdict | undefined): string {
  const say = choice.say === undefined ? '' : `<Say>${xmlEscape(choice.say)}</Say>`;
  const verb = (() => {
    switch (choice.verb) {
      case 'redirect':
        return `<Redirect method="POST">${xmlEscape(redirectUrl(choice.url, verdict))}</Redirect>`;
      case 'enqueue':
        return `<Enqueue workflowSid="${xmlEscape(choice.workflowSid)}"><Task>${xmlEscape(taskAttributes(verdict))}</Task></Enqueue>`;
      case 'hangup':
        return '<Hangup/>';
      case 'say':
        return '';
    }
  })();
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${say}${verb}</Response>`;
}
