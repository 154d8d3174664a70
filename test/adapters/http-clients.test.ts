/**
 * Both HttpClient implementations against a real loopback server: redirects are returned, not
 * followed; bodies are capped (and the connection dropped); the caller's signal aborts the request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBodyTooLargeError, type HttpClient } from '../../src/contract/http.ts';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';

interface TestServer {
  url: string;
  /** Resolves when the server sees a request for `path` (for the abort test). */
  requestArrived(path: string): Promise<void>;
  /** Resolves when the socket that carried the last request to `path` closes. */
  socketClosed(path: string): Promise<void>;
  connections(): number;
  close(): Promise<void>;
}

async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const sockets = new Map<string, Socket>();
  const arrivals = new Map<string, () => void>();
  const arrived = new Map<string, Promise<void>>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    sockets.set(req.url ?? '', req.socket);
    arrivals.get(req.url ?? '')?.();
    handler(req, res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestArrived(path) {
      let promise = arrived.get(path);
      if (!promise) {
        promise = new Promise<void>((resolve) => arrivals.set(path, resolve));
        arrived.set(path, promise);
      }
      return promise;
    },
    socketClosed(path) {
      const socket = sockets.get(path);
      if (!socket) return Promise.reject(new Error(`no request to ${path} seen`));
      if (socket.destroyed) return Promise.resolve();
      return new Promise((resolve) => socket.once('close', () => resolve()));
    },
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const BIG_BODY = 'x'.repeat(4 * 1024 * 1024);

function handler(req: IncomingMessage, res: ServerResponse): void {
  switch (req.url) {
    case '/redirect':
      res.writeHead(302, { location: '/target' }).end();
      return;
    case '/target':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"followed":true}');
      return;
    case '/echo': {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] })
          .end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString(), auth: req.headers.authorization })),
      );
      return;
    }
    case '/big':
    case '/big-fetch':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(BIG_BODY);
      return;
    case '/chunked': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      // Many small writes, each flushed on its own tick: the client sees the body in pieces.
      const next = () => (sent === 50 ? res.end('é') : (res.write(`${sent++},`), setImmediate(next)));
      next();
      return;
    }
    case '/hang':
    case '/hang-2':
      return; // never answers
    default:
      res.writeHead(404).end();
  }
}

const clients: Array<[string, () => HttpClient]> = [
  ['undici', () => createUndiciHttpClient({ connections: 4 })],
  ['fetch', () => createFetchHttpClient()],
];

describe.each(clients)('%s HttpClient', (_name, makeClient) => {
  let server: TestServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startServer(handler);
    http = makeClient();
  });
  afterAll(async () => {
    await http.close();
    await server.close();
  });

  it('sends method, headers and body and returns status, headers and text', async () => {
    const response = await http.send({
      method: 'POST',
      url: `${server.url}/echo`,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', body: '{"a":1}', auth: 'Bearer t' });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('x-multi')).toBe('a, b');
    expect(response.headers.get('x-absent')).toBeNull();
  });

  it('assembles a body that arrives in many chunks, multi-byte characters included', async () => {
    const response = await http.send({ method: 'GET', url: `${server.url}/chunked` });
    expect(response.body).toBe(`${Array.from({ length: 50 }, (_, i) => `${i},`).join('')}é`);
  });

  it('returns a 3xx as it is, without following it', async () => {
    const response = await http.send({ method: 'GET', url: `${server.url}/redirect` });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/target');
  });

  it('fetch() does not follow redirects either, even when asked to', async () => {
    const response = await http.fetch(`${server.url}/redirect`, { redirect: 'follow' });
    expect(response.status).toBe(302);
    await response.body?.cancel();
  });

  it('fails a body over the cap with HttpBodyTooLargeError and drops the connection', async () => {
    await expect(http.send({ method: 'GET', url: `${server.url}/big`, maxResponseBytes: 1024 })).rejects.toBeInstanceOf(
      HttpBodyTooLargeError,
    );
    await server.socketClosed('/big');
  });

  it('caps bodies read through fetch() too', async () => {
    const response = await http.fetch(`${server.url}/big-fetch`);
    await expect(response.text()).rejects.toSatisfy((error: unknown) => hasCause(error, HttpBodyTooLargeError));
  });

  it('aborts an in-flight request when the signal fires and closes its connection', async () => {
    const controller = new AbortController();
    const pending = http.send({ method: 'GET', url: `${server.url}/hang`, signal: controller.signal });
    await server.requestArrived('/hang');
    controller.abort(new DOMException('deadline', 'AbortError'));
    await expect(pending).rejects.toThrow();
    await server.socketClosed('/hang');
  });

  it('rejects with the signal\'s own reason, so a deadline reads as a timeout', async () => {
    const controller = new AbortController();
    const pending = http.send({ method: 'GET', url: `${server.url}/hang-2`, signal: controller.signal });
    await server.requestArrived('/hang-2');
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects at once with an already aborted signal', async () => {
    await expect(
      http.send({ method: 'GET', url: `${server.url}/echo`, signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });
});

describe('undici HttpClient pooling', () => {
  it('aborts a request still queued behind a busy connection', async () => {
    const server = await startServer(handler);
    const http = createUndiciHttpClient({ connections: 1 });
    const busy = new AbortController();
    try {
      const first = http.send({ method: 'GET', url: `${server.url}/hang`, signal: busy.signal });
      await server.requestArrived('/hang');
      const queued = new AbortController();
      const second = http.send({ method: 'GET', url: `${server.url}/echo`, signal: queued.signal });
      const reason = new Error('caller gave up');
      queued.abort(reason);
      await expect(second).rejects.toBe(reason);
      busy.abort(new Error('done'));
      await expect(first).rejects.toThrow('done');
      // The connection is free again: a new request gets through.
      expect((await http.send({ method: 'POST', url: `${server.url}/echo`, body: 'after' })).status).toBe(200);
    } finally {
      await http.close();
      await server.close();
    }
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    const server = await startServer(handler);
    const http = createUndiciHttpClient();
    try {
      for (let i = 0; i < 20; i++) {
        const response = await http.send({ method: 'POST', url: `${server.url}/echo`, body: String(i) });
        expect(response.status).toBe(200);
      }
      // A socket can still be finishing its previous response when the next request is
      // dispatched, so undici may open a second one; it must not open one per request.
      expect(server.connections()).toBeLessThanOrEqual(2);
    } finally {
      await http.close();
      await server.close();
    }
  });
});

function hasCause(error: unknown, type: new (...args: never[]) => Error): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 8; depth++) {
    if (current instanceof type) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
