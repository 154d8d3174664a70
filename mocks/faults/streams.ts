import { sleep } from './timing.ts';

/**
 * Response bodies that take their time or break off. Each pulls one piece per read, so nothing
 * runs ahead of the client, and each notices when the client hangs up before the end (the stream
 * is cancelled: node-server does it when the connection closes, network close included), stops
 * its timers and reports it through `onAbort`.
 */

/** The pieces one by one, each after `intervalMs`. */
export function dribbledBody(pieces: readonly Uint8Array[], intervalMs: number, onAbort: () => void): ReadableStream<Uint8Array> {
  let next = 0;
  return pulledBody(async (hungUp) => {
    if (next >= pieces.length) return null;
    if ((await sleep(intervalMs, hungUp)) === 'aborted') return null;
    return pieces[next++]!;
  }, onAbort);
}

/** The pieces of a generator, as fast as the client reads them. */
export function generatedBody(pieces: Iterator<Uint8Array>, onAbort: () => void): ReadableStream<Uint8Array> {
  return pulledBody(async () => {
    const piece = pieces.next();
    return piece.done ? null : piece.value;
  }, onAbort);
}

/** `part`, then `cut()` breaks the connection; when it cannot, the stream errors instead. */
export function brokenOffBody(part: Uint8Array, cut: () => Promise<boolean>, onAbort: () => void): ReadableStream<Uint8Array> {
  let sent = false;
  let broken = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!sent && part.length > 0) {
          sent = true;
          controller.enqueue(part);
          return;
        }
        broken = true;
        if (!(await cut())) controller.error(new Error('mock fault: connection reset'));
      },
      cancel() {
        if (!broken) onAbort();
      },
    },
    { highWaterMark: 0 },
  );
}

/** `step` gives the next piece or null at the end; it gets a signal that fires when the client hangs up. */
function pulledBody(step: (hungUp: AbortSignal) => Promise<Uint8Array | null>, onAbort: () => void): ReadableStream<Uint8Array> {
  const hangUp = new AbortController();
  let ended = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const piece = await step(hangUp.signal);
        if (hangUp.signal.aborted) return;
        if (piece === null) {
          ended = true;
          controller.close();
        } else {
          controller.enqueue(piece);
        }
      },
      cancel() {
        hangUp.abort();
        if (!ended) onAbort();
      },
    },
    { highWaterMark: 0 },
  );
}
