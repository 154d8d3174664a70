/**
 * The scaffolding of adapter tests against the mock network: the network and a recording
 * HttpClient start before the tests; after each test the adapters it made are closed and the
 * world, faults, request counts, carrier settings and recorded requests are put back; after all
 * tests both close.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createFetchHttpClient } from '../../../adapters/fetch-http.ts';
import type { Adapter } from '../../../src/contract/adapter.ts';
import { startMockNetwork, type RunningMockNetwork, type StartMockNetworkOptions } from '../../../mocks/network.ts';
import { recordingHttp, type RecordingHttpClient } from '../../support/http-clients.ts';
import { lateBound, startedIn } from '../../support/late-bound.ts';
import { resetMockNetwork } from '../../support/mock-carriers.ts';

export interface AdapterTestBed {
  /** Usable in tests and hooks after the bed's beforeAll. */
  readonly network: RunningMockNetwork;
  /** Every request the adapters send, over the real fetch client. */
  readonly http: RecordingHttpClient;
  /** Closes `adapter` after the test. */
  track: <A extends Adapter>(adapter: A) => A;
}

/** Call in a describe (or at the top of a file): the bed lives as long as that scope. */
export function useAdapterTestBed(options: Pick<StartMockNetworkOptions, 'clock'> = {}): AdapterTestBed {
  let network: RunningMockNetwork | undefined;
  let http: RecordingHttpClient | undefined;
  const adapters: Adapter[] = [];

  beforeAll(async () => {
    network = await startMockNetwork({ ...options, port: 0 });
    http = recordingHttp(createFetchHttpClient());
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close?.() ?? Promise.resolve()));
    if (network) resetMockNetwork(network);
    if (http) http.requests.length = 0;
  });
  afterAll(async () => {
    await http?.close();
    await network?.close();
  });

  return {
    network: lateBound(startedIn('the adapter test bed', () => network)),
    http: lateBound(startedIn('the adapter test bed', () => http)),
    track(adapter) {
      adapters.push(adapter);
      return adapter;
    },
  };
}
