import { Hono, type Context } from 'hono';
import { E164 } from '../world/subscriber.ts';
import type { World } from '../world/world.ts';
import { adminError, invalidInput, readJson } from './problem.ts';

/**
 * `/_world/subscribers`: the simulated subscribers. The number in the path may be URL-encoded
 * (`%2B447700900001`) or carry a raw `+`.
 */
export function subscribersAdmin(world: World): Hono {
  const app = new Hono();

  app.get('/', (c) => c.json(world.list()));

  app.get('/:phoneNumber', (c) => {
    const phoneNumber = c.req.param('phoneNumber');
    const subscriber = world.get(phoneNumber);
    return subscriber ? c.json({ phoneNumber, ...subscriber }) : notFound(c, phoneNumber);
  });

  app.put('/:phoneNumber', async (c) => {
    const phoneNumber = c.req.param('phoneNumber');
    if (!E164.safeParse(phoneNumber).success) {
      return adminError(c, 400, 'INVALID_ARGUMENT', `"${phoneNumber}" is not an E.164 number with a leading +`);
    }
    const body = await readJson(c);
    if (!body.ok || body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
      return adminError(c, 400, 'INVALID_ARGUMENT', 'body must be a JSON object with the subscriber state');
    }
    try {
      return c.json({ phoneNumber, ...world.put(phoneNumber, body.value as Record<string, unknown>) });
    } catch (error) {
      return invalidInput(c, error, 'subscriber');
    }
  });

  app.delete('/:phoneNumber', (c) => {
    const phoneNumber = c.req.param('phoneNumber');
    return world.delete(phoneNumber) ? c.body(null, 204) : notFound(c, phoneNumber);
  });

  return app;
}

function notFound(c: Context, phoneNumber: string): Response {
  return adminError(c, 404, 'NOT_FOUND', `no subscriber ${phoneNumber} in the world`);
}
