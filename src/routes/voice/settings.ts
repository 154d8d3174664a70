/**
 * Voice-platform settings: where the platforms reach the gateway (`voice.publicUrl`, gateway-wide)
 * and, per tenant, its Twilio webhook (`tenants[].voice.twilio`): the auth token that signs the
 * requests, the action and deadline of the assessment, the TwiML answered per recommendation and
 * the fallback answered whenever there is no verdict to act on.
 */
import { z } from 'zod';
import { PublicOrigin } from '../number-verification/settings.ts';

const ACTION_NAME = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case action name');

/** Spoken first, in Twilio's default voice; plain text, XML-escaped when rendered. */
const SayText = z.string().min(1).max(1_000).optional();

/** What the call does next, per recommendation (and as the fallback). */
export const TwimlChoiceSchema = z.discriminatedUnion('verb', [
  /** `<Redirect method="POST">` to the tenant's flow, the verdict in query parameters (nt_recommendation, nt_confidence…). */
  z.strictObject({ verb: z.literal('redirect'), url: z.url({ protocol: /^https?$/ }), say: SayText }),
  /** `<Enqueue workflowSid>` with a `<Task>` whose JSON attributes carry the verdict under `numtrust`. */
  z.strictObject({ verb: z.literal('enqueue'), workflowSid: z.string().regex(/^WW[0-9a-fA-F]{32}$/, 'a TaskRouter workflow SID (WW + 32 hex)'), say: SayText }),
  /** `<Say>` then `<Hangup/>`. */
  z.strictObject({ verb: z.literal('hangup'), say: SayText }),
  /** `<Say>` only: the call goes on with whatever follows in the tenant's flow (or ends, if nothing does). */
  z.strictObject({ verb: z.literal('say'), say: z.string().min(1).max(1_000) }),
]);
export type TwimlChoice = z.output<typeof TwimlChoiceSchema>;

export const TwilioWebhookSchema = z.strictObject({
  /** The Twilio account's auth token (it signs every webhook): write it `{ "$env": "NAME" }`. */
  authToken: z.string().min(16).max(256),
  /** The action assessed for each call; a signed `?action=` in the webhook URL overrides it. */
  action: ACTION_NAME,
  /** The whole answer comes by then, counted from the request's arrival; default: the ivr channel's deadline (1000 ms). */
  deadlineMs: z.int().min(50).max(10_000).optional(),
  /** The TwiML per recommendation. */
  answers: z.strictObject({
    allow: TwimlChoiceSchema,
    step_up: TwimlChoiceSchema,
    specialist: TwimlChoiceSchema,
    deny: TwimlChoiceSchema,
  }),
  /** Answered when there is no verdict to act on (no check answered, a caller id that is no number, any failure). */
  fallback: TwimlChoiceSchema,
});
export type TwilioWebhookSettings = z.output<typeof TwilioWebhookSchema>;

/** `tenants[].voice`. */
export const TenantVoiceSchema = z.strictObject({ twilio: TwilioWebhookSchema.optional() }).optional();

/** `voice` in the gateway config. */
export const VoiceSettingsSchema = z
  .strictObject({
    /**
     * The gateway's origin as the voice platforms reach it (Twilio signs the URL it called, and a
     * proxy in front rewrites the host). Default `numberVerification.publicUrl`, else the origin
     * of the request.
     */
    publicUrl: PublicOrigin.optional(),
  })
  .prefault({});
