/**
 * One upstream request through undici's dispatch API, its answer collected into a string.
 *
 * Why not undici.request(): its answer body is a Readable stream (read through an async iterator,
 * with an AsyncResource, end-of-stream listeners and an abort listener kept until the stream
 * closes), about a sixth of what a cache miss allocated. And the handler here lets go of what it
 * held once the answer is in: with it holding on, a cache miss's request state kept being copied
 * and promoted by the young-generation collector (2.5 MB a scavenge at 500 requests a second,
 * 10 ms pauses; 60-270 KB and 1 ms after), docs/benchmarks.md § 9.
 */
import type { Dispatcher } from 'undici';
import { HttpBodyTooLargeError, type HttpRequest, type HttpResponse, type ResponseHeaders } from '../contract/http.ts';

type RawHeaders = Record<string, string | string[] | undefined>;

export function dispatchBuffered(dispatcher: Dispatcher, request: HttpRequest, limit: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const signal = request.signal;
    if (signal?.aborted) return reject(signal.reason);
    const handler = new BufferingHandler(limit, signal, resolve, reject);
    const url = new URL(request.url);
    try {
      dispatcher.dispatch(
        { origin: url.origin, path: url.pathname + url.search, method: request.method, headers: request.headers, body: request.body },
        handler,
      );
    } catch (error) {
      handler.onResponseError(undefined, error as Error);
    }
  });
}

/**
 * Collects one answer. Once settled it lets go of everything it touched (undici's controller, the
 * chunks, the caller's signal): a settled handler can stay reachable from the caller's signal or
 * from a connection's state for a while, and whatever it still held would be copied and promoted by
 * every young-generation collection in that time.
 */
class BufferingHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private abortReason: unknown;
  private chunks: Buffer[] = [];
  private size = 0;
  private status = 0;
  private headers: RawHeaders = {};
  private signal: AbortSignal | undefined;
  private resolve: ((response: HttpResponse) => void) | undefined;
  private reject: ((error: unknown) => void) | undefined;
  private readonly limit: number;

  constructor(limit: number, signal: AbortSignal | undefined, resolve: (response: HttpResponse) => void, reject: (error: unknown) => void) {
    this.limit = limit;
    this.signal = signal;
    this.resolve = resolve;
    this.reject = reject;
    // The handler itself listens (handleEvent): no closure per request.
    signal?.addEventListener('abort', this, { once: true });
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    const reason = this.signal?.reason as Error;
    this.abortReason = reason;
    // A request still queued for a socket has no controller yet: the caller hears at once, and
    // onRequestStart drops the request when a socket frees up.
    if (this.controller) this.controller.abort(reason);
    else this.onResponseError(undefined, reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.abortReason !== undefined) return controller.abort(this.abortReason as Error);
    this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: RawHeaders): void {
    if (statusCode < 200) return; // informational: the real answer follows
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.byteLength;
    // Aborting closes the socket, so the rest of an oversized answer is never read.
    if (this.size > this.limit) return controller.abort(new HttpBodyTooLargeError(this.limit));
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const resolve = this.resolve;
    if (!resolve) return;
    const response: HttpResponse = { status: this.status, headers: new RawResponseHeaders(this.headers), body: this.text() };
    this.release();
    resolve(response);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    const reject = this.reject;
    if (!reject) return;
    this.release();
    reject(error);
  }

  private release(): void {
    this.signal?.removeEventListener('abort', this);
    this.signal = undefined;
    this.controller = undefined;
    this.resolve = undefined;
    this.reject = undefined;
    this.chunks = [];
    this.headers = {};
  }

  private text(): string {
    if (this.chunks.length === 1) return this.chunks[0]!.toString('utf8');
    return Buffer.concat(this.chunks, this.size).toString('utf8');
  }
}

/** Headers as undici parsed them (names in lower case), read the way Headers.get reads them. */
class RawResponseHeaders implements ResponseHeaders {
  private readonly raw: RawHeaders;

  constructor(raw: RawHeaders) {
    this.raw = raw;
  }

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }
}
