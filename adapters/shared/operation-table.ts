/**
 * Adapters keep what they know of each operation in a table keyed by operation id, typed
 * `{ readonly [Op in OperationId]?: Entry<Op> }`: `table[request.operation]` is then the entry of
 * that very operation, so dispatch needs no cast.
 */
import type { OperationId } from '../../src/contract/signals.ts';

/** The operations a table has an entry for. */
export function operationsOf(table: { readonly [Op in OperationId]?: unknown }): Set<OperationId> {
  return new Set(Object.entries(table).flatMap(([id, entry]) => (entry === undefined ? [] : [id as OperationId])));
}

/** The table's entries. */
export function entriesOf<Table extends { readonly [Op in OperationId]?: unknown }>(table: Table): Array<NonNullable<Table[keyof Table]>> {
  return Object.values(table).filter((entry): entry is NonNullable<Table[keyof Table]> => entry !== undefined);
}

/** defineAdapter asks `call` only for offered operations: a missing entry there is a defect of the adapter. */
export function missingEntry(provider: string, operation: OperationId): Error {
  return new Error(`${provider}: ${operation} is offered but has no entry in the operation table`);
}
