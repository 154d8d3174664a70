import type { HttpResponse } from '../../src/contract/http.ts';
import type { CachedToken, TokenLease } from './token-cache.ts';

/**
 * Sends with a leased token. A 401 to a cached token means it was revoked or expired early (or the
 * clocks disagree): the token is dropped and the request sent once more with a fresh one. A 401 to
 * a fresh token is the answer.
 */
export async function sendWithTokenRetry<T extends CachedToken>(
  lease: () => Promise<TokenLease<T>>,
  invalidate: (lease: TokenLease<T>) => void,
  send: (token: T) => Promise<HttpResponse>,
): Promise<HttpResponse> {
  const first = await lease();
  const response = await send(first.token);
  if (response.status !== 401 || !first.fromCache) return response;
  invalidate(first);
  return send((await lease()).token);
}
