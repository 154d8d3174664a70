/** Byte-level shapes of the bodies faults send. */

const encoder = new TextEncoder();

/** `malformed`: the first half of a JSON answer, so it no longer parses; `{"` when there is nothing to cut. */
export function truncatedJson(text: string): string {
  return /^\s*[[{]/.test(text) && text.length > 1 ? text.slice(0, Math.ceil(text.length / 2)) : '{"';
}

/** `reset`: the part of the body sent before the connection is reset; always short of the whole. */
export function partBeforeReset(body: Uint8Array, afterBytes: number | undefined): Uint8Array {
  const length = afterBytes ?? Math.ceil(body.length / 2);
  return body.subarray(0, Math.max(0, Math.min(length, body.length - 1)));
}

/** `slow_body`: the body in at most `count` pieces of near-equal size (at least one piece, maybe empty). */
export function splitInto(body: Uint8Array, count: number): Uint8Array[] {
  const pieces = Math.max(1, Math.min(count, body.length));
  const size = Math.ceil(body.length / pieces);
  const out: Uint8Array[] = [];
  for (let start = 0; start < body.length; start += size) out.push(body.subarray(start, start + size));
  return out.length ? out : [body];
}

const PADDING_CHUNK = 64 * 1024;

/**
 * `oversized`: a JSON object of exactly `sizeBytes` bytes. The real answer when it is a JSON object
 * (so only its size is wrong), padded with a `padding` string member; else `{"padding":"xx…"}`.
 * Produced piece by piece, so megabytes are never held at once.
 */
export function* paddedJson(answer: string, sizeBytes: number): Generator<Uint8Array> {
  const tail = encoder.encode('"}');
  let head = encoder.encode(`${objectWithoutClosingBrace(answer) ?? '{'}"padding":"`);
  if (head.length + tail.length > sizeBytes) head = encoder.encode('{"padding":"');
  let fill = sizeBytes - head.length - tail.length;
  yield head;
  const filler = new Uint8Array(PADDING_CHUNK).fill(0x78);
  while (fill > 0) {
    const size = Math.min(fill, PADDING_CHUNK);
    yield filler.subarray(0, size);
    fill -= size;
  }
  yield tail;
}

/** `{"a":1}` → `{"a":1,` ready for one more member; undefined when the answer is not a JSON object. */
function objectWithoutClosingBrace(answer: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(answer);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const text = JSON.stringify(value);
  return text === '{}' ? '{' : `${text.slice(0, -1)},`;
}
