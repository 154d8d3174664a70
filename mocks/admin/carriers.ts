import { Hono } from 'hono';
import { baseUrlOf, type MockCarrier } from '../carriers/carrier.ts';
import { adminError, invalidInput, readJson } from './problem.ts';

/** `/_world/carriers`: which mock carriers exist, where, for which operators, and their run-time settings. */
export function carriersAdmin(carriers: readonly MockCarrier[]): Hono {
  const app = new Hono();
  const byId = new Map(carriers.map((carrier) => [carrier.id, carrier]));

  app.get('/', (c) =>
    c.json(
      carriers.map((carrier) => ({
        id: carrier.id,
        kind: carrier.kind,
        baseUrl: baseUrlOf(c.req.url, carrier.basePath),
        operators: carrier.operators,
      })),
    ),
  );

  app.get('/:id/settings', (c) => {
    const carrier = byId.get(c.req.param('id'));
    return carrier ? c.json(carrier.settings.get()) : unknownCarrier(c, c.req.param('id'));
  });

  app.put('/:id/settings', async (c) => {
    const carrier = byId.get(c.req.param('id'));
    if (!carrier) return unknownCarrier(c, c.req.param('id'));
    const body = await readJson(c);
    if (!body.ok) return adminError(c, 400, 'INVALID_ARGUMENT', 'body must be a JSON object of settings');
    try {
      return c.json(carrier.settings.update(body.value));
    } catch (error) {
      return invalidInput(c, error, 'settings');
    }
  });

  app.delete('/:id/settings', (c) => {
    const carrier = byId.get(c.req.param('id'));
    if (!carrier) return unknownCarrier(c, c.req.param('id'));
    carrier.settings.reset();
    return c.json(carrier.settings.get());
  });

  return app;
}

function unknownCarrier(c: Parameters<typeof adminError>[0], id: string): Response {
  return adminError(c, 404, 'NOT_FOUND', `no carrier ${id}`);
}
