/** A response read once as text and, when it is JSON, parsed: what tests assert on. Runtime-free (also runs inside workerd). */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty or non-JSON body (see text). */
  body: any;
  text: string;
}

export async function jsonAnswerOf(response: Response): Promise<JsonAnswer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}
