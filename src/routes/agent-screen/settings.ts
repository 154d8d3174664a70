import { z } from 'zod';
import { PublicOrigin } from '../number-verification/settings.ts';

/** `agentScreen` in the gateway config: where agents' browsers reach the gateway, and how long a link works. */
export const AgentScreenSettingsSchema = z
  .strictObject({
    /** The origin in agent-screen links; default `numberVerification.publicUrl`, else the origin of the request that made the link. */
    publicUrl: PublicOrigin.optional(),
    /** How long an agent-screen link works (never past the record's retention), seconds; default 8 h: a shift. */
    linkTtlSeconds: z.int().min(60).max(7 * 86_400).default(28_800),
    /** Origins that may show the page in a frame (a CRM's iframe): CSP frame-ancestors; none by default (no framing). */
    frameAncestors: z.array(PublicOrigin).max(20).default([]),
  })
  .prefault({});
