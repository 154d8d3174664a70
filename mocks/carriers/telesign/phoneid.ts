import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { checkErrorOf } from '../../faults/check-error.ts';
import type { World } from '../../world/world.ts';
import { addonAnswer, SUCCESS } from './addons.ts';
import { TELESIGN_ACCOUNTS } from './dev-credentials.ts';
import type { NonceMemory } from './nonce-memory.ts';
import { carrierBlock, locationBlock, numberingBlock, numberParts } from './numbering.ts';
import { TELESIGN_PHONE_TYPE, TELESIGN_PHONE_TYPES } from '../shared/line-type.ts';
import { authenticate } from './auth.ts';
import type { TelesignAddon, TelesignSettings } from './settings.ts';
import { AUTH_ERRORS, authErrorResponse, badRequestResponse, telesignError, NOT_AUTHORIZED } from './errors.ts';
import { issueSentences, safeParseInput } from '../../input-issues.ts';

/**
 * PhoneID: `POST /v1/phoneid/{complete_phone_number}` (or `POST /v1/phoneid` with
 * `phone_number` in the body). Add-ons need a JSON body; a form body gets the base answer only.
 */

export interface PhoneIdDependencies {
  world: World;
  settings: TelesignSettings;
  nonces: NonceMemory;
  /** `/carriers/telesign`: stripped from the path to get the signed resource. */
  basePath: string;
}

const COMPLETE_PHONE_NUMBER = /^[1-9][0-9]{4,14}$/;

const JsonBody = z.looseObject({
  phone_number: z.string().optional(),
  addons: z.record(z.string(), z.looseObject({})).optional(),
  consent: z.strictObject({ method: z.number().int().min(1), timestamp: z.string().min(1) }).optional(),
  account_lifecycle_event: z.enum(['create', 'sign-in', 'transact', 'update', 'delete']).optional(),
  originating_ip: z.string().optional(),
  external_id: z.string().optional(),
});
type PhoneIdBody = z.output<typeof JsonBody>;

export function phoneIdHandler(deps: PhoneIdDependencies) {
  return async (c: Context): Promise<Response> => {
    const now = deps.world.now();
    const rawBody = await c.req.text();
    const url = new URL(c.req.url);
    const auth = authenticate(
      {
        method: c.req.method,
        resource: url.pathname.slice(deps.basePath.length) || '/',
        header: (name) => c.req.header(name),
        headers: [...c.req.raw.headers].map(([name, value]) => [name.toLowerCase(), value]),
        body: rawBody,
      },
      {
        accounts: TELESIGN_ACCOUNTS,
        nonces: deps.nonces,
        now: now.getTime(),
        dateToleranceMs: deps.settings.current.dateToleranceSeconds * 1000,
        requireTsa: deps.settings.current.requireTsa,
      },
    );
    if (!auth.ok) return authErrorResponse(c, auth.error, now);

    const body = readBody(c.req.header('content-type'), rawBody);
    if (!body.ok) return badRequestResponse(c, body.problem, now);
    const digits = c.req.param('number') ?? body.value.phone_number;
    if (digits === undefined || !COMPLETE_PHONE_NUMBER.test(digits)) {
      return badRequestResponse(c, 'Invalid value for parameter phone_number: digits with country code, no "+"', now);
    }

    // Add-ons the account lacks, names the mock does not model included, refuse the whole request.
    const requested = Object.keys(body.value.addons ?? {});
    const notEnabled = requested.filter((name) => !(deps.settings.current.enabledAddons as string[]).includes(name));
    if (notEnabled.length > 0) return telesignError(c, 401, NOT_AUTHORIZED, [AUTH_ERRORS.productNotEnabled], now);

    return c.json(answer(c, deps, digits, requested as TelesignAddon[], body.value, now));
  };
}

function answer(c: Context, deps: PhoneIdDependencies, digits: string, addons: TelesignAddon[], body: PhoneIdBody, now: Date) {
  const subscriber = deps.world.get(`+${digits}`);
  const operator = subscriber ? deps.world.operators.get(subscriber.operator) : undefined;
  const parts = numberParts(digits);
  const country = operator?.country ?? parts.country;
  const checkError = checkErrorOf(c);

  const addonObjects = Object.fromEntries(
    addons.map((addon) => [
      addon,
      addonAnswer(addon, {
        subscriber,
        country,
        now: now.getTime(),
        settings: deps.settings.current,
        consentGiven: body.consent !== undefined,
        checkError,
      }),
    ]),
  );
  const complete = Object.values(addonObjects).every((value) => (value.status as { code: number }).code === SUCCESS);
  return {
    reference_id: randomBytes(16).toString('hex').toUpperCase(),
    status: {
      updated_on: now.toISOString(),
      code: complete ? 300 : 301,
      description: complete ? 'Transaction successfully completed' : 'Transaction partially completed',
    },
    numbering: numberingBlock(parts),
    // Every PhoneID answer classifies the line; a number no subscriber holds is INVALID (8).
    phone_type: subscriber ? TELESIGN_PHONE_TYPE[subscriber.lineType] : TELESIGN_PHONE_TYPES.invalid,
    location: locationBlock(country),
    carrier: carrierBlock(operator),
    errors: [],
    ...addonObjects,
  };
}

type BodyResult = { ok: true; value: PhoneIdBody } | { ok: false; problem: string };

function readBody(contentType: string | undefined, raw: string): BodyResult {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw.trim() === '') return { ok: true, value: {} };
  if (type === 'application/x-www-form-urlencoded') {
    // A form cannot carry the addons object: the base PhoneID answer only.
    const form = new URLSearchParams(raw);
    const value: PhoneIdBody = {};
    const phoneNumber = form.get('phone_number');
    if (phoneNumber !== null) value.phone_number = phoneNumber;
    return { ok: true, value };
  }
  if (type !== 'application/json') return { ok: false, problem: 'Content-Type must be application/json (or a form without add-ons)' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'Request body is not valid JSON' };
  }
  const parsed = safeParseInput(JsonBody, json);
  if (!parsed.success) return { ok: false, problem: `Invalid request: ${issueSentences(parsed.error).join('; ')}` };
  return { ok: true, value: parsed.data };
}
