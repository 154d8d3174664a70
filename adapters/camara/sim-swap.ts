/**
 * CAMARA SIM Swap on the wire: v2 (2.0.0 / 2.1.0, `/sim-swap/v2`) and v1 (1.0.0, `/sim-swap/v1`).
 * Both versions share bodies and scopes; v1 allows the number in the body with a 3-legged token.
 */
import { CheckSimSwapInfo, SimSwapInfo } from '../../camara-specs/sim-swap-v2.ts';
import type { SimSwapApiConfig } from './config.ts';
import { UNKNOWN_NUMBER_CODES } from './errors.ts';
import { parseWith, type CamaraOperationTable } from './api-operation.ts';

const V1_UNKNOWN_NUMBER_CODES: ReadonlySet<string> = new Set(['IDENTIFIER_NOT_FOUND', 'NOT_FOUND']);

export function simSwapOperations(api: SimSwapApiConfig): CamaraOperationTable {
  const basePath = api.basePath ?? `/sim-swap/${api.version}`;
  const numberInBodyWith3LeggedToken = api.version === 'v1';
  const subject = (phoneNumber: string) => ({ phoneNumber });
  // 1.0.0 documents only NOT_FOUND for an unknown number; 2.x uses IDENTIFIER_NOT_FOUND.
  const unknownNumberCodes = api.version === 'v1' ? V1_UNKNOWN_NUMBER_CODES : UNKNOWN_NUMBER_CODES;

  return {
    'sim_swap.check': {
      id: 'sim_swap.check',
      scope: 'sim-swap:check',
      path: `${basePath}/check`,
      numberInBodyWith3LeggedToken,
      unknownNumberCodes,
      subject,
      body: (params) => ({ maxAge: params.maxAgeHours }),
      parse: (json, params) =>
        parseWith(CheckSimSwapInfo, json, (body) => ({ swapped: body.swapped, maxAgeHours: params.maxAgeHours })),
    },
    'sim_swap.retrieve_date': {
      id: 'sim_swap.retrieve_date',
      scope: 'sim-swap:retrieve-date',
      path: `${basePath}/retrieve-date`,
      numberInBodyWith3LeggedToken,
      unknownNumberCodes,
      subject,
      body: () => ({}),
      parse: (json) =>
        parseWith(SimSwapInfo, json, (body) => ({
          latestSimChange: body.latestSimChange,
          monitoredPeriodDays: body.monitoredPeriod ?? null,
        })),
    },
  };
}
