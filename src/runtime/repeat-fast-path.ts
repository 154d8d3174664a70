/**
 * On Node, a repeated POST /v1/assessments is answered before the app: the same tenant sending
 * the same body again while its verdict is still served from the verdict cache
 * (src/routes/repeated-assessments.ts). Such a request costs the gateway little besides HTTP
 * itself: one keyed hash of the body, the API key's digest, the rate limit, a new id, record and
 * link, the access-log line and the metrics, with none of the framework's per-request objects.
 *
 * It answers only what the app would answer alike: the same status, body and headers, the same
 * record, log line and metrics. Everything else is the app's, untouched: another method or path,
 * a body still arriving (the app reads it within its bounds), an Origin (CORS), an unusual Host,
 * no or a bad key, a correlator the app would refuse, a body it has not seen, a verdict no longer
 * cached, a draining server. The body read here is handed on with the request (`rawBody`, which
 * @hono/node-server reads in place of the stream).
 */
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { RepeatAnswering } from '../app.ts';
import { CamaraError } from '../errors.ts';
import { JSON_TYPE } from '../routes/json-body.ts';
import { CLIENT_CLOSED_STATUS } from '../routes/client-closed.ts';
import { generatedCorrelator, logRequest, rateLimited, X_CORRELATOR_PATTERN } from '../routes/middleware.ts';
import { ASSESSMENT_OPERATION, jsonWithAgentScreenUrl } from '../routes/assessments.ts';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

const PATH = ASSESSMENT_OPERATION.path;
/** Hosts whose origin is `http://` + the header as it is (@hono/node-server's own test for a plain host). */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

export interface RepeatFastPathOptions {
  repeats: RepeatAnswering;
  /** While the server drains, every request is the app's (it answers 503 and closes). */
  draining: () => boolean;
}

/** How many requests the fast path answered, and how many it read the body of and handed on. */
export interface RepeatCounts {
  answered: number;
  handedOn: number;
}

/**
 * node:http's createServer for @hono/node-server's serve(), with repeats answered ahead of the
 * app's listener; `counts` follows every server it creates.
 */
export function serverWithRepeatFastPath(options: RepeatFastPathOptions): { createServer: typeof createServer; counts: RepeatCounts } {
  const counts: RepeatCounts = { answered: 0, handedOn: 0 };
  const create = (serverOptions: ServerOptions, listener: Listener) => createServer(serverOptions, repeatFastPath(listener, options, counts));
  return { createServer: create as typeof createServer, counts };
}

/** Wraps the app's listener (`next`); requests it does not answer reach `next` as they came. */
function repeatFastPath(next: Listener, options: RepeatFastPathOptions, counts: RepeatCounts): Listener {
  const { repeats, draining } = options;

  function mayRepeat(request: IncomingMessage): boolean {
    const headers = request.headers;
    if (request.method !== 'POST' || request.url !== PATH || draining()) return false;
    if (headers.origin !== undefined || headers['transfer-encoding'] !== undefined || headers.authorization === undefined) return false;
    const contentType = headers['content-type'];
    if (contentType !== undefined && !JSON_TYPE.test(contentType)) return false;
    const correlator = headers['x-correlator'];
    if (correlator !== undefined && !X_CORRELATOR_PATTERN.test(correlator as string)) return false;
    return PLAIN_HOST.test(headers.host ?? '');
  }

  /** The declared body length when it is one the app would read (0 when not). */
  function declaredLength(request: IncomingMessage): number {
    const length = Number(request.headers['content-length']);
    return Number.isInteger(length) && length > 0 && length <= repeats.bodyLimitBytes ? length : 0;
  }

  function handOn(request: IncomingMessage, response: ServerResponse, body: Buffer): void {
    counts.handedOn++;
    (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    next(request, response);
  }

  /** The request's tenant and the repeat it is, when it is one; nothing changes yet (a request handed on is the app's from the start). */
  async function findRepeat(request: IncomingMessage, body: Buffer) {
    const key = await repeats.apiKeys.check(request.headers.authorization);
    if (!key.ok) return undefined;
    const repeat = await repeats.findRepeat(key.tenantId, body.toString('utf8'));
    return repeat && { key, repeat };
  }

  async function answer(request: IncomingMessage, response: ServerResponse, started: number, length: number): Promise<void> {
    // Only a body that came with the headers, whole (Content-Length bounds what the parser hands
    // this request): one still arriving is read by the app, within its bounds.
    if (request.readableLength !== length) return next(request, response);
    const body = request.read() as Buffer;
    const found = await findRepeat(request, body).catch(() => undefined);
    if (!found) return handOn(request, response, body);
    const { key, repeat } = found;

    counts.answered++;
    const tenantId = key.tenantId;
    const correlator = (request.headers['x-correlator'] as string | undefined) || generatedCorrelator();
    let status = 200;
    try {
      const decision = await repeats.rateLimiter.take(tenantId);
      if (response.destroyed) {
        status = CLIENT_CLOSED_STATUS;
      } else if (!decision.ok) {
        status = send(response, correlator, rateLimited(decision.retryAfterMs));
      } else {
        const origin = `http://${request.headers.host}`;
        status = send(response, correlator, await jsonWithAgentScreenUrl(repeat.answer(correlator), repeats.linkTo, origin, tenantId));
      }
    } catch (error) {
      repeats.logger.error('unhandled error', { correlator, error });
      status = send(response, correlator, new CamaraError('INTERNAL', 'Internal error'));
    } finally {
      logRequest(repeats.logger, { correlator, method: 'POST', route: PATH, status, tenantId, provider: undefined, started });
      repeats.observer?.onRequest(PATH, 'POST', status, tenantId, performance.now() - started);
    }
  }

  /** Writes the answer (as JSON), or the error, as the app writes it; returns its status. */
  function send(response: ServerResponse, correlator: string, answered: string | CamaraError): number {
    const error = typeof answered === 'string' ? undefined : answered;
    const status = error ? error.status : 200;
    const json = error ? JSON.stringify(error.toBody()) : (answered as string);
    const headers = ['content-type', 'application/json', 'vary', 'Origin', 'x-correlator', correlator, 'content-length', String(Buffer.byteLength(json))];
    if (error?.retryAfterSeconds !== undefined) headers.push('retry-after', String(error.retryAfterSeconds));
    if (draining()) headers.push('connection', 'close');
    response.writeHead(status, headers);
    response.end(json);
    return status;
  }

  return (request, response) => {
    const length = mayRepeat(request) ? declaredLength(request) : 0;
    if (length === 0) return next(request, response);
    const started = performance.now();
    // After the parser has handed on what arrived with the headers: a body sent with them is in by then.
    queueMicrotask(() => {
      answer(request, response, started, length).catch((error: unknown) => {
        repeats.logger.error('unhandled error', { error });
        if (!response.headersSent) response.destroy();
      });
    });
  };
}
