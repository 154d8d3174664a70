/**
 * Every mock carrier besides the CAMARA operators (which are profiles: camara/profiles.ts)
 * registers here, one entry each: how to build it, and the gateway's development config for it.
 * The network mounts each at `/carriers/<id>` over the same world; the embedded gateway routes to
 * each with its development credentials.
 */
import type { ProviderConfigInput } from '../../src/config/schema.ts';
import type { CarrierContext, MockCarrier } from './carrier.ts';
import { createNokiaCarrier } from './nokia/carrier.ts';
import { nokiaDevProvider } from './nokia/dev-credentials.ts';
import { createTelesignCarrier } from './telesign/carrier.ts';
import { telesignDevProvider } from './telesign/dev-credentials.ts';
import { createTwilioCarrier } from './twilio/carrier.ts';
import { twilioDevProvider } from './twilio/dev-credentials.ts';
import { createVonageCarrier } from './vonage/carrier.ts';
import { vonageDevProvider } from './vonage/dev-credentials.ts';

export interface AggregatorCarrier {
  /** Its id, and its mount path `/carriers/<id>`. */
  id: string;
  create: (context: CarrierContext) => MockCarrier;
  /** The gateway's provider config for this carrier at `baseUrl`, with its development credentials. */
  devProvider: (baseUrl: string) => ProviderConfigInput;
}

export const AGGREGATOR_CARRIERS: readonly AggregatorCarrier[] = [
  { id: 'nokia', create: createNokiaCarrier, devProvider: nokiaDevProvider },
  { id: 'telesign', create: createTelesignCarrier, devProvider: telesignDevProvider },
  { id: 'twilio', create: (context) => createTwilioCarrier(context), devProvider: twilioDevProvider },
  { id: 'vonage', create: createVonageCarrier, devProvider: vonageDevProvider },
];
