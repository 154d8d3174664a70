/**
 * Every mock carrier besides the CAMARA operators registers here: one line each. The network
 * mounts each at `/carriers/<id>` over the same world.
 */
import type { CarrierContext, MockCarrier } from './carrier.ts';
import { createNokiaCarrier } from './nokia/carrier.ts';
import { createTelesignCarrier } from './telesign/carrier.ts';
import { createTwilioCarrier } from './twilio/carrier.ts';
import { createVonageCarrier } from './vonage/carrier.ts';

export type CarrierFactory = (context: Omit<CarrierContext, 'basePath'> & { basePath: (id: string) => string }) => MockCarrier;

export const AGGREGATOR_CARRIERS: CarrierFactory[] = [
  (context) => createNokiaCarrier({ ...context, basePath: context.basePath('nokia') }),
  (context) => createTelesignCarrier({ ...context, basePath: context.basePath('telesign') }),
  (context) => createTwilioCarrier({ ...context, basePath: context.basePath('twilio') }),
  (context) => createVonageCarrier({ ...context, basePath: context.basePath('vonage') }),
];
