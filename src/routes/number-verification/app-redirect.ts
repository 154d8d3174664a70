/**
 * Where the device goes once the check is done: the app's own page or deep link. The API client
 * chooses it, so only forms a browser can safely be sent to are accepted.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** RFC 8252 §7.1 private-use schemes are reverse domain names: they contain a dot (com.example.app). */
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;
export const MAX_REDIRECT_URI_LENGTH = 2048;

/** https anywhere, http on loopback only, or a private-use scheme; never userinfo or a fragment. */
export function appRedirectProblem(uri: string): string | undefined {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `must be at most ${MAX_REDIRECT_URI_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an absolute URI';
  }
  if (url.username || url.password) return 'must not carry user information';
  if (url.hash) return 'must not have a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname) ? undefined : 'must use https (http is allowed on loopback hosts only)';
  return PRIVATE_USE_SCHEME.test(url.protocol) ? undefined : 'must be https, http on loopback, or a private-use scheme such as com.example.app:/done';
}

/** The app's redirect with the session id added (never the outcome: the backend asks the gateway for that). */
export function appRedirectFor(uri: string, sessionId: string): string {
  const url = new URL(uri);
  url.searchParams.set('session', sessionId);
  return url.href;
}
