import { Hono } from 'hono';
import type { MockCarrier } from '../carriers/carrier.ts';
import type { FaultRegistry } from '../faults/registry.ts';
import type { RequestStats } from '../stats.ts';
import type { World } from '../world/world.ts';
import { carriersAdmin } from './carriers.ts';
import { faultsAdmin } from './faults.ts';
import { subscribersAdmin } from './subscribers.ts';

export interface AdminDeps {
  world: World;
  carriers: readonly MockCarrier[];
  stats: RequestStats;
  faults: FaultRegistry;
}

/** The `/_world` admin API: world state, carriers and their settings, request counters, faults. */
export function adminApp({ world, carriers, stats, faults }: AdminDeps): Hono {
  const app = new Hono();

  app.get('/', (c) =>
    c.json({
      scenario: world.scenario.name,
      startedAt: world.startedAt.toISOString(),
      now: world.now().toISOString(),
      operators: [...world.operators.values()],
    }),
  );

  /** Back to the loaded scenario (relative times re-resolved against now). Faults, stats and settings stay. */
  app.post('/reset', (c) => {
    world.reset();
    return c.json({ scenario: world.scenario.name, startedAt: world.startedAt.toISOString(), subscribers: world.list().length });
  });

  app.route('/subscribers', subscribersAdmin(world));
  app.route('/carriers', carriersAdmin(carriers));
  app.route('/faults', faultsAdmin(faults));

  app.get('/stats', (c) => c.json(stats.snapshot()));
  app.post('/stats/reset', (c) => {
    stats.reset();
    return c.body(null, 204);
  });

  return app;
}
