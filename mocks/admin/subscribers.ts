import { Hono, type Context } from 'hono';
import { E164, type Subscriber } from '../world/subscriber.ts';
import type { World } from '../world/world.ts';
import { adminError, invalidInput, readJson } from './problem.ts';

/** What PATCH takes: a JSON merge patch (RFC 7396), under its own media type or as plain JSON. */
const PATCH_MEDIA_TYPES = ['application/merge-patch+json', 'application/json'];

/**
 * `/_world/subscribers`: the simulated subscribers, each as `{phoneNumber, ...state}`. PUT takes
 * that representation whole (a full replacement), PATCH a merge patch of it. The number in the
 * path may be URL-encoded (`%2B447700900001`) or carry a raw `+`.
 */
export function subscribersAdmin(world: World): Hono {
  const app = new Hono();

  app.get('/', (c) => c.json(world.list()));

  app.get('/:phoneNumber', (c) => {
    const phoneNumber = c.req.param('phoneNumber');
    const subscriber = world.get(phoneNumber);
    return subscriber ? represent(c, phoneNumber, subscriber) : notFound(c, phoneNumber);
  });

  app.put('/:phoneNumber', (c) =>
    withState(c, (phoneNumber, state) => represent(c, phoneNumber, world.put(phoneNumber, state))),
  );

  app.patch('/:phoneNumber', (c) => {
    if (!PATCH_MEDIA_TYPES.includes(mediaTypeOf(c))) {
      c.header('accept-patch', PATCH_MEDIA_TYPES.join(', '));
      return adminError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', `PATCH takes a JSON merge patch: content-type ${PATCH_MEDIA_TYPES.join(' or ')}`);
    }
    return withState(c, (phoneNumber, patch) => {
      const subscriber = world.patch(phoneNumber, patch);
      return subscriber ? represent(c, phoneNumber, subscriber) : notFound(c, phoneNumber);
    });
  });

  app.delete('/:phoneNumber', (c) => {
    const phoneNumber = c.req.param('phoneNumber');
    return world.delete(phoneNumber) ? c.body(null, 204) : notFound(c, phoneNumber);
  });

  return app;
}

/**
 * Checks the path's number and the body (a JSON object whose `phoneNumber`, if present, is that
 * number: the representation GET answers), then hands the rest of the body to `store`.
 */
async function withState(
  c: Context,
  store: (phoneNumber: string, state: Record<string, unknown>) => Response,
): Promise<Response> {
  const phoneNumber = c.req.param('phoneNumber')!;
  if (!E164.safeParse(phoneNumber).success) {
    return adminError(c, 400, 'INVALID_ARGUMENT', `"${phoneNumber}" is not an E.164 number with a leading +`);
  }
  const body = await readJson(c);
  if (!body.ok || body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
    return adminError(c, 400, 'INVALID_ARGUMENT', 'body must be a JSON object with the subscriber state');
  }
  const { phoneNumber: named, ...state } = body.value as Record<string, unknown>;
  if (named !== undefined && named !== phoneNumber) {
    return adminError(
      c,
      400,
      'INVALID_ARGUMENT',
      `the body's phoneNumber ${JSON.stringify(named)} is not the path's ${phoneNumber}: leave phoneNumber out, or make it the path's`,
    );
  }
  try {
    return store(phoneNumber, state);
  } catch (error) {
    return invalidInput(c, error, 'subscriber');
  }
}

function represent(c: Context, phoneNumber: string, subscriber: Subscriber): Response {
  return c.json({ phoneNumber, ...subscriber });
}

/** `application/merge-patch+json; charset=utf-8` → `application/merge-patch+json`; '' when absent. */
function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function notFound(c: Context, phoneNumber: string): Response {
  return adminError(c, 404, 'NOT_FOUND', `no subscriber ${phoneNumber} in the world`);
}
