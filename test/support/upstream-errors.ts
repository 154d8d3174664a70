import { expect } from 'vitest';
import { UpstreamError } from '../../src/contract/adapter.ts';

/** The UpstreamError `promise` rejects with; the test fails when it resolves or rejects with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected an UpstreamError, got ${JSON.stringify(value)}`);
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}
