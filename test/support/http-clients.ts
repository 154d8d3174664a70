/** HttpClients for adapter tests: one that records what an adapter sends, one that answers what the test says. */
import type { HttpClient, HttpRequest } from '../../src/contract/http.ts';

export type RecordingHttpClient = HttpClient & { requests: HttpRequest[] };

/** Passes every request on to `inner` and records it. */
export function recordingHttp(inner: HttpClient): RecordingHttpClient {
  const requests: HttpRequest[] = [];
  return {
    requests,
    send: (request) => {
      requests.push(request);
      return inner.send(request);
    },
    fetch: inner.fetch,
    close: () => inner.close(),
  };
}

export interface ScriptedAnswer {
  status?: number;
  /** A string goes out as it is; anything else as JSON. */
  body?: unknown;
  /** Added to (or replacing) `content-type: application/json`. */
  headers?: Record<string, string>;
}

/** Records every request and answers it as `answer` says (status 200 unless told). */
export function scriptedHttp(answer: (request: HttpRequest) => ScriptedAnswer): RecordingHttpClient {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async send(request) {
      requests.push(request);
      const reply = answer(request);
      return {
        status: reply.status ?? 200,
        headers: new Headers({ 'content-type': 'application/json', ...reply.headers }),
        body: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
      };
    },
    fetch: globalThis.fetch,
    async close() {},
  };
}

/** Records every request and answers each with the same response. */
export function cannedHttp(status: number, body: unknown, headers: Record<string, string> = {}): RecordingHttpClient {
  return scriptedHttp(() => ({ status, body, headers }));
}
