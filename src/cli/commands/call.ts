/**
 * `numtrust call`: an inbound call played as Twilio plays it: a form POST to the tenant's voice
 * webhook, signed with the Twilio auth token; then the TwiML answered, the verdict read back by
 * its assessment id, and the agent's link.
 */
import { AGENT_SCREEN_HEADER, ASSESSMENT_ID_HEADER, SIGNATURE_HEADER } from '../../routes/voice/headers.ts';
import { twilioSignature } from '../../routes/voice/twilio-signature.ts';
import { phoneNumber, positionals } from '../arguments.ts';
import type { ActionCommand, Services } from '../command.ts';
import { AnsweredError, UsageError } from '../errors.ts';
import { postForm } from '../http.ts';
import { pairs } from '../table.ts';
import { renderVerdict, type AssessmentAnswer } from './assess.ts';

const NAME = 'call';
const DEFAULT_CALLED = '+442079460000';

const hex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** What Twilio posts for a ringing inbound call (the parameters numtrust reads, and a few it does not). */
function inboundCall(from: string, to: string): URLSearchParams {
  return new URLSearchParams({
    AccountSid: `AC${hex(16)}`,
    ApiVersion: '2010-04-01',
    CallSid: `CA${hex(16)}`,
    CallStatus: 'ringing',
    Called: to,
    Caller: from,
    Direction: 'inbound',
    From: from,
    To: to,
  });
}

function originOf(text: string): string {
  try {
    const url = new URL(text);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search) return url.origin;
  } catch {
    // Said below.
  }
  throw new UsageError(`${NAME}: --public-url takes an origin such as https://numtrust.example.com, not "${text}"`, NAME);
}

export const callCommand: ActionCommand = {
  name: NAME,
  summary: 'play an inbound call as Twilio would: the signed voice webhook, its TwiML, the verdict and the agent-screen link',
  synopsis: '<number> [options]',
  details: [
    "POSTs a ringing inbound call from <number> to the tenant's Twilio webhook (POST /v1/voice/twilio/<tenant>),",
    'signed with the Twilio auth token as Twilio signs it (X-Twilio-Signature), prints the TwiML answered,',
    'then reads the verdict back by its assessment id (GET /v1/assessments/{id}, the API key) and prints it',
    "with the agent's signed link. When the gateway answers its fallback TwiML there is no verdict to read.",
    'The auth token: --twilio-token, else NUMTRUST_TWILIO_AUTH_TOKEN (`npm start` prints the embedded one);',
    '--embedded uses its own gateway\'s. See docs/ivr.md.',
  ],
  options: {
    action: { type: 'string', value: 'NAME', help: "the action assessed, sent signed in the webhook URL (default: the tenant's configured action)" },
    to: { type: 'string', value: 'E164', help: `the number called (default ${DEFAULT_CALLED})` },
    tenant: { type: 'string', value: 'ID', help: 'whose webhook (default: default, the embedded tenant)' },
    'twilio-token': { type: 'string', value: 'TOKEN', help: "the tenant's Twilio auth token (env NUMTRUST_TWILIO_AUTH_TOKEN)" },
    'public-url': { type: 'string', value: 'ORIGIN', help: "the gateway's origin as Twilio calls it, when voice.publicUrl is configured (default: the gateway URL)" },
  },
  examples: [
    'numtrust call +447700900001 --action change_address',
    'numtrust --embedded call +447700900005 --action payment --json',
    'numtrust call +447700900002 --tenant acme --twilio-token "$ACME_TWILIO_TOKEN" --public-url https://numtrust.acme.example',
  ],
  prepare({ args, options }) {
    const [from] = positionals(args, ['number'], NAME).map((text) => phoneNumber(text, NAME));
    const to = phoneNumber((options.to as string | undefined) ?? DEFAULT_CALLED, NAME);
    const action = options.action as string | undefined;
    if (action !== undefined && !/^[a-z][a-z0-9_]*$/.test(action)) throw new UsageError(`${NAME}: --action takes a snake_case action name, not "${action}"`, NAME);
    const tenant = (options.tenant as string | undefined) ?? 'default';
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(tenant)) throw new UsageError(`${NAME}: --tenant takes a tenant id (lowercase), not "${tenant}"`, NAME);
    const publicUrl = options['public-url'] === undefined ? undefined : originOf(options['public-url'] as string);
    const path = `/v1/voice/twilio/${tenant}${action ? `?action=${action}` : ''}`;

    return async (services: Services) => {
      const token = (options['twilio-token'] as string | undefined) ?? services.info.twilioAuthToken;
      if (!token) throw new UsageError(`${NAME}: no Twilio auth token: give --twilio-token or set NUMTRUST_TWILIO_AUTH_TOKEN (\`npm start\` prints the embedded one), or use --embedded`, NAME);
      const gateway = services.gateway();
      const form = inboundCall(from!, to);
      const signature = await twilioSignature(token, (publicUrl ?? gateway.baseUrl) + path, form);
      const answer = await postForm('gateway', gateway.baseUrl, path, form, { [SIGNATURE_HEADER]: signature });
      if (answer.status !== 200) {
        const hint = answer.status === 403 ? ': the signature was refused (the Twilio auth token, the tenant or --public-url is not the gateway\'s)' : '';
        throw new AnsweredError('gateway', answer.status, `HTTP_${answer.status}`, `${answer.text.trim().slice(0, 200)}${hint}`, answer.text);
      }
      const assessmentId = answer.headers.get(ASSESSMENT_ID_HEADER);
      const agentScreenUrl = answer.headers.get(AGENT_SCREEN_HEADER);
      const verdict = assessmentId ? ((await gateway.call('GET', `/v1/assessments/${assessmentId}`)).body as AssessmentAnswer & { maskedNumber: string }) : undefined;
      const text = [
        `POST ${path}  call from ${from} to ${to}`,
        '',
        answer.text,
        '',
        ...(verdict
          ? [renderVerdict(verdict.maskedNumber, verdict), '', pairs([['assessment', assessmentId!], ['agent screen', agentScreenUrl ?? 'none (the tenant keeps no records)']])]
          : ["the fallback TwiML: no verdict to act on (no check answered, or the call could not be assessed); the gateway's log says why"]),
      ].join('\n');
      return { json: { twiml: answer.text, assessmentId, agentScreenUrl, verdict: verdict ?? null }, text };
    };
  },
};
