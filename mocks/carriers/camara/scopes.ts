/** The one purpose the dev client was onboarded for (ICM: exactly one `dpv:` purpose per token request). */
export const FRAUD_PREVENTION_PURPOSE = 'dpv:FraudPreventionAndDetection';

export interface ScopeCatalog {
  /** API scopes this operator knows (`sim-swap`, `sim-swap:check`...). */
  apiScopes: ReadonlySet<string>;
  /** Old single-token suffixes (`dpv:FraudPreventionAndDetection#check-sim-swap`) and the API scope each grants. */
  legacyAliases: ReadonlyMap<string, string>;
}

export interface GrantedScope {
  openid: boolean;
  apiScopes: string[];
  /** The scope string as granted (deduplicated, requested order). */
  text: string;
}

export type ScopeCheck = { ok: true; granted: GrantedScope } | { ok: false; description: string };

/**
 * Accepts `openid dpv:FraudPreventionAndDetection sim-swap:check` (ICM 0.2+) and the legacy single
 * token `dpv:FraudPreventionAndDetection#sim-swap` (ICM 0.1, still expected by some vendors).
 */
export function checkScope(raw: string | null, catalog: ScopeCatalog, options: { requireOpenid: boolean }): ScopeCheck {
  const tokens = [...new Set((raw ?? '').split(/\s+/).filter(Boolean))];
  if (tokens.length === 0) return { ok: false, description: 'scope is required' };
  let openid = false;
  let purposeDeclared = false;
  const apiScopes = new Set<string>();
  for (const token of tokens) {
    if (token === 'openid') {
      openid = true;
    } else if (token === 'offline_access') {
      // Accepted and ignored: the mock issues no refresh tokens.
    } else if (token === FRAUD_PREVENTION_PURPOSE) {
      purposeDeclared = true;
    } else if (token.startsWith(`${FRAUD_PREVENTION_PURPOSE}#`)) {
      const suffix = token.slice(FRAUD_PREVENTION_PURPOSE.length + 1);
      const apiScope = catalog.apiScopes.has(suffix) ? suffix : catalog.legacyAliases.get(suffix);
      if (!apiScope) return { ok: false, description: `unknown scope "${token}"` };
      purposeDeclared = true;
      apiScopes.add(apiScope);
    } else if (token.startsWith('dpv:')) {
      return { ok: false, description: `purpose "${token}" is not allowed for this client (${FRAUD_PREVENTION_PURPOSE} only)` };
    } else if (catalog.apiScopes.has(token)) {
      apiScopes.add(token);
    } else {
      return { ok: false, description: `unknown scope "${token}"` };
    }
  }
  if (!purposeDeclared) return { ok: false, description: `scope must declare the purpose ${FRAUD_PREVENTION_PURPOSE}` };
  if (options.requireOpenid && !openid) return { ok: false, description: 'CIBA requests must include the openid scope' };
  if (apiScopes.size === 0) return { ok: false, description: 'no API scope requested' };
  return { ok: true, granted: { openid, apiScopes: [...apiScopes], text: tokens.join(' ') } };
}
