/**
 * POST /v1/voice/twilio/{tenantId}: Twilio's voice webhook. Twilio cannot send an API key, so the
 * request is authenticated by its X-Twilio-Signature under the tenant's auth token; the tenant id
 * is in the path because the signature covers the URL (the tenant is signed too) and the token
 * must be known before the signature can be checked. Anything that does not verify gets a bare
 * 403. A verified call is assessed (From, channel ivr, on the line) and answered with the
 * tenant's TwiML for the recommendation; whatever goes wrong, the tenant's fallback TwiML, by the
 * deadline: a call is never dropped because of numtrust.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PhoneNumber } from '../../../camara-specs/common.ts';
import { channelSettings } from '../../engine/assessment/channels.ts';
import { CamaraError } from '../../errors.ts';
import type { OperationDoc } from '../../openapi/operation.ts';
import type { AgentScreenLinker } from '../agent-screen/url.ts';
import type { AssessNow } from '../assessments.ts';
import type { AppDependencies, GatewayEnv } from '../http-context.ts';
import { deadlineFromArrival } from '../request-clock.ts';
import { readBodyText } from '../request-body.ts';
import { flatVerdict } from './flat-verdict.ts';
import type { TwilioWebhookSettings } from './settings.ts';
import { twimlFor } from './twiml.ts';
import { verifyTwilioSignature } from './twilio-signature.ts';
import { AGENT_SCREEN_HEADER, ASSESSMENT_ID_HEADER, SIGNATURE_HEADER } from './headers.ts';
import { randomToken } from '../number-verification/secrets.ts';

export const TWILIO_WEBHOOK_PATH = '/v1/voice/twilio/:tenantId';

/** What the route reads of Twilio's voice webhook parameters (Twilio sends many more; they are signed, not read). */
const TwilioVoiceForm = z
  .looseObject({
    From: z.string().describe('The caller id: an E.164 number is assessed; anything else ("anonymous", a SIP URI) gets the fallback'),
    To: z.string().optional().describe('The number called'),
    CallSid: z.string().optional().describe("Twilio's id of the call"),
    AccountSid: z.string().optional().describe("The tenant's Twilio account"),
    Direction: z.string().optional().describe('inbound is assessed; any other direction gets the fallback'),
  })
  .describe("Twilio's voice webhook parameters, form-encoded and covered by X-Twilio-Signature");

const WebhookQuery = z.object({
  action: z.string().optional().describe("The tenant's action to assess the call for, when not the webhook's configured one"),
});

/** Part of the deadline left to render and send the answer once the assessment is done. */
const ANSWER_HEADROOM_MS = 100;

/** The embedded default tenant's answer to an allowed call (src/runtime/embedded.ts). */
const TWIML_EXAMPLE = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>numtrust recommends allow for this call.</Say><Hangup/></Response>';

export const TWILIO_WEBHOOK_OPERATION: OperationDoc = {
  method: 'post',
  path: TWILIO_WEBHOOK_PATH,
  operationId: 'twilioVoiceWebhook',
  summary: "Twilio's voice webhook: assesses the caller and answers TwiML",
  description:
    "Authenticated by X-Twilio-Signature under the tenant's Twilio auth token (voice.twilio in its config), not by an API key. " +
    "Form-encoded like every Twilio webhook (From, To, CallSid, Direction…). Answers the tenant's TwiML for the recommendation, " +
    "or its fallback TwiML whenever there is no verdict to act on, always by the deadline. A missing or bad signature, an unknown tenant " +
    'or a URL other than the one signed gets a plain-text 403 Forbidden and nothing else; a body over the limit, 413. See docs/ivr.md.',
  tag: 'voice',
  access: 'public',
  requestHeaders: { 'X-Twilio-Signature': "Twilio's signature of the URL and the POST parameters (HMAC-SHA1, base64); without a valid one the answer is 403" },
  pathParameters: { tenantId: { description: 'The tenant whose Twilio auth token signs the call (the embedded default tenant is `default`)', example: 'default' } },
  query: WebhookQuery,
  body: TwilioVoiceForm,
  bodyMediaType: 'application/x-www-form-urlencoded',
  bodyExample: {
    From: '+447700900506',
    To: '+442079460000',
    CallSid: 'CA0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    Direction: 'inbound',
  },
  success: [
    {
      status: 200,
      description: 'TwiML: the verdict acted on, or the fallback',
      otherMediaTypes: { 'text/xml': { description: "TwiML: the tenant's answer for the recommendation, or its fallback", example: TWIML_EXAMPLE } },
      headers: { [ASSESSMENT_ID_HEADER]: 'The assessment, when there is one', [AGENT_SCREEN_HEADER]: "The agent's signed link, when there is one" },
    },
  ],
  errors: ['CONTENT_TOO_LARGE'],
};

interface Decision {
  twiml: string;
  /** Why the fallback was answered; undefined for a verdict. */
  fallback?: string;
  assessmentId?: string;
  agentScreenUrl?: string;
}

function fallbackOf(settings: TwilioWebhookSettings, reason: string): Decision {
  return { twiml: twimlFor(settings.fallback, undefined), fallback: reason };
}

export function twilioWebhookRoutes(deps: AppDependencies, assessNow: AssessNow, linkFor: AgentScreenLinker): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const webhooks = new Map<string, TwilioWebhookSettings>();
  for (const tenant of deps.config.tenants) if (tenant.voice?.twilio) webhooks.set(tenant.id, tenant.voice.twilio);
  const ivrDeadlineMs = channelSettings(deps.config.assessment, 'ivr').deadlineMs;
  const { bodyLimitBytes, requestDeadlineMs } = deps.config.server;
  const publicOrigin = deps.config.voice.publicUrl ?? deps.config.numberVerification.publicUrl;

  /** The URL as Twilio requested it: the public origin where one is configured (a proxy rewrites the host). */
  const signedUrl = (c: Context<GatewayEnv>) => {
    const url = new URL(c.req.url);
    return `${publicOrigin ?? url.origin}${url.pathname}${url.search}`;
  };

  async function formOf(c: Context<GatewayEnv>): Promise<URLSearchParams | undefined> {
    c.set('bodyBounds', { maxBytes: bodyLimitBytes, readBy: c.get('arrivedAt') + requestDeadlineMs, readWithinMs: requestDeadlineMs });
    try {
      return new URLSearchParams(await readBodyText(c));
    } catch (error) {
      // A body over the limit is refused as on every route (Twilio's never are); any other failure is unverifiable.
      if (error instanceof CamaraError && error.code === 'CONTENT_TOO_LARGE') throw error;
      return undefined;
    }
  }

  async function decide(c: Context<GatewayEnv>, settings: TwilioWebhookSettings, params: URLSearchParams, deadlineMs: number, signal: AbortSignal): Promise<Decision> {
    const fallback = (reason: string) => fallbackOf(settings, reason);
    const direction = params.get('Direction');
    if (direction !== null && direction !== 'inbound') return fallback('not_inbound');
    const caller = PhoneNumber.safeParse(params.get('From'));
    // "anonymous", "client:alice", a SIP URI: nothing to ask the network about.
    if (!caller.success) return fallback('caller_not_a_number');
    const tenantId = c.get('tenantId');
    const answer = await assessNow(
      {
        phoneNumber: caller.data,
        context: { channel: 'ivr', action: c.req.query('action') ?? settings.action, inboundCall: true },
        deadlineMs: Math.max(1, deadlineMs - ANSWER_HEADROOM_MS),
      },
      { tenantId, correlator: c.get('correlator'), arrivedAt: c.get('arrivedAt'), signal },
    );
    // A verdict no check answered (each failed or ran out of time) is no verdict: the tenant's flow without numtrust takes the call.
    if (!answer.signals.some((check) => check.status !== 'unavailable' && check.status !== 'error')) return fallback('no_check_answered');
    const agentScreenUrl = await linkFor(publicOrigin ?? new URL(c.req.url).origin, tenantId, answer.assessmentId, Date.parse(answer.assessedAt));
    return {
      twiml: twimlFor(settings.answers[answer.recommendation], flatVerdict(answer, agentScreenUrl)),
      assessmentId: answer.assessmentId,
      agentScreenUrl,
    };
  }

  routes.post(TWILIO_WEBHOOK_PATH, async (c) => {
    const settings = webhooks.get(c.req.param('tenantId'));
    const params = await formOf(c);
    // An unknown tenant is checked against a token nobody has, so it costs what a bad signature costs.
    // Drawn per request: Workers allow no random values at module scope.
    const token = settings?.authToken ?? randomToken(32);
    const verified = params !== undefined && (await verifyTwilioSignature(token, c.req.header(SIGNATURE_HEADER), signedUrl(c), params));
    if (!settings || !verified) return c.text('Forbidden', 403, { 'cache-control': 'no-store' });
    c.set('tenantId', c.req.param('tenantId'));

    const deadlineMs = settings.deadlineMs ?? ivrDeadlineMs;
    const deadline = deadlineFromArrival(c, deadlineMs, c.req.raw.signal);
    const late = new Promise<Decision>((resolve) => deadline.signal.addEventListener('abort', () => resolve(fallbackOf(settings, 'deadline')), { once: true }));
    const decided = decide(c, settings, params, deadlineMs, deadline.signal).catch((error: unknown) =>
      fallbackOf(settings, error instanceof CamaraError ? `error:${error.code}` : 'error'),
    );
    const decision = await Promise.race([decided, late]).finally(() => deadline.release());
    if (decision.fallback) deps.logger.warn('twilio webhook answered its fallback', { correlator: c.get('correlator'), tenant: c.get('tenantId'), reason: decision.fallback });
    return c.body(decision.twiml, 200, {
      'content-type': 'text/xml; charset=utf-8',
      'cache-control': 'no-store',
      ...(decision.assessmentId ? { [ASSESSMENT_ID_HEADER]: decision.assessmentId } : {}),
      ...(decision.agentScreenUrl ? { [AGENT_SCREEN_HEADER]: decision.agentScreenUrl } : {}),
    });
  });

  return routes;
}
