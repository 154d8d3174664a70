import { Hono } from 'hono';
import { DuplicateFaultError, type FaultRegistry } from '../faults/registry.ts';
import { adminError, invalidInput, readJson } from './problem.ts';

/** `/_world/faults`: fault rules applied to carrier endpoints (never to /_world). */
export function faultsAdmin(faults: FaultRegistry): Hono {
  const app = new Hono();

  app.get('/', (c) => c.json(faults.list()));

  app.post('/', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return adminError(c, 400, 'INVALID_ARGUMENT', 'body must be a JSON fault rule');
    try {
      return c.json(faults.add(body.value), 201);
    } catch (error) {
      if (error instanceof DuplicateFaultError) return adminError(c, 409, 'ALREADY_EXISTS', error.message);
      return invalidInput(c, error, 'fault rule');
    }
  });

  app.delete('/', (c) => {
    faults.clear();
    return c.body(null, 204);
  });

  app.delete('/:id', (c) =>
    faults.remove(c.req.param('id')) ? c.body(null, 204) : adminError(c, 404, 'NOT_FOUND', `no fault rule ${c.req.param('id')}`),
  );

  return app;
}
