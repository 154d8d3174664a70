/** numtrust/client: a typed client for the numtrust gateway (docs/client.md). */
export { createNumtrustClient, DEFAULT_TIMEOUT_MS } from './numtrust-client.ts';
export type { CallOptions, CamaraCallOptions, NumtrustClient, NumtrustClientOptions } from './numtrust-client.ts';
export { dataOrThrow, NumtrustError } from './result.ts';
export type { ClientSideError, NumtrustResult, OperationResult } from './result.ts';
export type { GatewayError, Operation, RequestBody, SuccessBody } from './operations.ts';
export type { components, operations, paths } from './schema.d.ts';
