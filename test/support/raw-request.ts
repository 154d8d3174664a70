/**
 * A request written by hand over a socket (127.0.0.1), for what fetch cannot do: send a body a
 * byte at a time and never finish it, or go away in the middle.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class RawRequest {
  private readonly socket: Socket;
  private data = '';
  private open = true;
  /** Resolves when the connection is gone (closed by the server, or destroyed here). */
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (this.data += chunk));
    // Writing to a connection the server closed fails; the test looks at what came back instead.
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.open = false;
        resolve();
      }),
    );
  }

  /** Sends the request line and headers (Host and Connection: keep-alive added); the body is up to the test. */
  static async start(url: string, method: string, path: string, headers: Record<string, string>): Promise<RawRequest> {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const request = new RawRequest(socket);
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${hostname}:${port}`, 'connection: keep-alive', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    return request;
  }

  write(text: string): void {
    if (this.open) this.socket.write(text);
  }

  /** Writes `text` one character every `everyMs` until it is all sent or the connection is gone. */
  trickle(text: string, everyMs: number): void {
    let at = 0;
    const timer = setInterval(() => {
      if (!this.open || at >= text.length) clearInterval(timer);
      else this.write(text[at++]!);
    }, everyMs);
  }

  /** Goes away without a word (a reset), as a client that gives up does. */
  abort(): void {
    this.socket.resetAndDestroy();
  }

  /** Closes its side and the socket, mid-request or not. */
  close(): void {
    this.socket.destroy();
  }

  /** What came back so far, as one HTTP answer; undefined until its head is complete. */
  answer(): RawAnswer | undefined {
    const end = this.data.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const [statusLine = '', ...headerLines] = this.data.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine.split(' ')[1]), headers, body: this.data.slice(end + 4) };
  }
}

/** The request head for a JSON POST with an API key and a declared length. */
export function jsonHeaders(apiKey: string, contentLength: number): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': String(contentLength) };
}
