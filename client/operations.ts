/** The request and answer types of one gateway operation, read from the generated schema. */
import type { operations, paths } from './schema.d.ts';

/** An operation of the schema, by its operationId: `Operation<'createAssessment'>`. */
export type Operation<Id extends keyof operations> = operations[Id];

/** The paths that take a POST. */
export type PostPath = { [Path in keyof paths]: paths[Path]['post'] extends object ? Path : never }[keyof paths];

type JsonContent<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<Op> = Op extends { responses: infer All } ? All : never;
type SuccessStatus = 200 | 201;

/** The JSON body the operation takes. */
export type RequestBody<Op> = Op extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never;

/** The JSON body of the operation's successful answer. */
export type SuccessBody<Op> = JsonContent<Responses<Op>[Extract<keyof Responses<Op>, SuccessStatus>]>;

/** The CAMARA errors the gateway documents for the operation: `{ status, code, message }`, each status with its own codes. */
export type GatewayError<Op> = JsonContent<Responses<Op>[Exclude<keyof Responses<Op>, SuccessStatus>]>;
