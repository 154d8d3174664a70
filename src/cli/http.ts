import { AnsweredError, UnreachableError } from './errors.ts';

export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined for an empty answer (204). */
  body: unknown;
}

/** Longest the CLI waits for one answer (an assessment's own deadline is at most 10 s). */
const ANSWER_TIMEOUT_MS = 30_000;

/** One HTTP service the CLI talks to (the gateway, the mocks' admin API), JSON both ways. */
export class JsonService {
  readonly name: string;
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;

  constructor(name: string, baseUrl: string, headers: Record<string, string> = {}) {
    this.name = name;
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.headers = headers;
  }

  /** Resolves a 2xx answer; throws AnsweredError for an error status, UnreachableError when nothing usable came back. */
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
    const url = this.baseUrl + path;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.headers, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(`cannot reach the ${this.name} at ${this.baseUrl}: ${reasonOf(error)}`);
    }
    const text = await response.text().catch((error: unknown) => {
      throw new UnreachableError(`the ${this.name} at ${this.baseUrl} broke off its answer: ${reasonOf(error)}`);
    });
    const parsed = parseJson(text);
    if (!response.ok) {
      const problem = parsed.ok ? camaraProblemOf(parsed.value) : undefined;
      throw new AnsweredError(
        this.name,
        response.status,
        problem?.code ?? `HTTP_${response.status}`,
        problem?.message ?? (text.trim().slice(0, 200) || response.statusText),
        parsed.ok ? parsed.value : text,
      );
    }
    if (!parsed.ok) {
      throw new UnreachableError(`the ${this.name} at ${this.baseUrl} answered ${method} ${path} with something that is not JSON: is it the right URL?`);
    }
    return { status: response.status, headers: response.headers, body: parsed.value };
  }
}

/** One form POST (as a voice platform sends it): the answer whatever its status; UnreachableError when none came. */
export async function postForm(service: string, baseUrl: string, path: string, form: URLSearchParams, headers: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }> {
  const root = baseUrl.replace(/\/+$/, '');
  try {
    const response = await fetch(root + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', ...headers },
      body: form.toString(),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw new UnreachableError(`cannot reach the ${service} at ${root}: ${reasonOf(error)}`);
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function camaraProblemOf(value: unknown): { code: string; message: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : '' } : undefined;
}

/** fetch hides the socket error in `cause`: name it the way an operator would. */
function reasonOf(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${ANSWER_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  switch (cause?.code ?? '') {
    case 'ECONNREFUSED':
      return 'connection refused (is it running?)';
    case 'ENOTFOUND':
      return 'unknown host';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset';
  }
  return cause?.message ?? (error as Error).message;
}
