/**
 * Number Verification through the gateway (a CAMARA operator's NV 2.x, or Nokia NaC's flow, underneath):
 *
 *   app backend ── POST /v1/number-verification/sessions {phoneNumber} ──▶ gateway   (API key)
 *   device ─────── GET  /v1/number-verification/sessions/{id}/start ────▶ 302 operator /authorize
 *   device ─────── (over mobile data) operator recognises the line ─────▶ 302 gateway callback
 *   device ─────── GET  /v1/number-verification/callback?code&state ────▶ exchange, verify, 302 app
 *   app backend ── GET  /v1/number-verification/sessions/{id} ──────────▶ {status}              (API key)
 *
 * The two device-facing routes carry no API key (a browser follows them); the state and the
 * PKCE verifier stay in the gateway, and the number never appears in a URL or a log line. Sessions
 * live in the shared state, so each step may land on another instance; the number is sealed
 * before it is stored. A store that does not answer in time gets a 503, never a 500.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { UpstreamError, type Adapter, type NumberVerifier } from '../../contract/adapter.ts';
import { untilAborted } from '../../../adapters/shared/abort.ts';
import { CamaraError } from '../../errors.ts';
import { breakerKey } from '../../resilience/breaker.ts';
import type { AppDependencies, GatewayEnv } from '../http-context.ts';
import { readJsonBody } from '../json-body.ts';
import { deadlineFromArrival } from '../request-clock.ts';
import { appRedirectFor, appRedirectProblem } from './app-redirect.ts';
import { CALLBACK, CreatedSession, CreateSessionBody, SESSION, SESSION_START, SESSIONS, SessionView } from './operations.ts';
import { devicePage, deviceHeaders } from './pages.ts';
import { NOT_NETWORK_AUTHENTICATED, problemOfAuthorizationError, problemOfFailure, resultOfOutcome } from './problems.ts';
import { newCodeVerifier, newState, pkceChallenge, randomToken } from './secrets.ts';
import type { VerificationOutcome } from '../../engine/assessment/evidence.ts';
import { asOf, isSessionId, publicView, retainUntil, SESSION_EXPIRED, sessionIdOfState, stateFor, type SessionProblem, type StoredSession } from './sessions.ts';
import type { SessionEnd } from '../../shared-state/port.ts';
import { withinTimeReported } from '../../shared-state/within-time.ts';
import { numberSeal } from './sealed-number.ts';
import { NO_OBSERVER, type GatewayObserver } from '../../observability/observer.ts';

const VERIFY = 'number_verification.verify';

export interface NumberVerificationRoutes {
  /** Browser-facing, mounted before API-key authentication. */
  device: Hono<GatewayEnv>;
  /** API-key routes. */
  api: Hono<GatewayEnv>;
  /** What a tenant's session says about a number, for assessments (another number's session says nothing). */
  outcomeFor: (tenantId: string, sessionId: string, phoneNumber: string) => Promise<{ outcome: VerificationOutcome; detail: string }>;
}

export function numberVerificationRoutes(deps: AppDependencies, options: { now?: () => number; observer?: GatewayObserver } = {}): NumberVerificationRoutes {
  const now = options.now ?? Date.now;
  const settings = deps.config.numberVerification;
  const ttlMs = settings.sessionTtlSeconds * 1000;
  const deadlineMs = deps.config.server.requestDeadlineMs;
  const store = sessionAccess(deps, options.observer ?? NO_OBSERVER);
  const seal = numberSeal(deps.config.numberKeySecret);
  const publicOrigin = (c: Context) => settings.publicUrl ?? new URL(c.req.url).origin;

  const api = new Hono<GatewayEnv>();
  api.post(SESSIONS, async (c) => {
    const body = await readJsonBody(c, CreateSessionBody, { identifier: 'phoneNumber' });
    const redirectProblem = body.redirectUri === undefined ? undefined : appRedirectProblem(body.redirectUri);
    if (redirectProblem) throw new CamaraError('INVALID_ARGUMENT', `redirectUri ${redirectProblem}.`);
    const tenantId = c.get('tenantId');
    const providers = deps.engine.providersFor(tenantId, body.phoneNumber, 'number_verification');
    if (!providers) throw new CamaraError('IDENTIFIER_NOT_FOUND', 'No provider is configured for the phone number range of phoneNumber.');
    const candidates = providers.filter((adapter): adapter is Adapter & { numberVerification: NumberVerifier } => !!adapter.numberVerification);
    if (candidates.length === 0) {
      throw new CamaraError('SERVICE_NOT_APPLICABLE', 'No provider of this phone number offers Number Verification.');
    }
    // The code exchange will spend one upstream call: a tenant without any left is told now, not after the device's trip.
    await deps.engine.upstreamQuota.check(tenantId);

    const origin = publicOrigin(c);
    const callbackUrl = `${origin}${CALLBACK}`;
    const id = `nv_${randomToken(16)}`;
    const state = stateFor(id, newState());
    const sealedPhoneNumber = await seal.seal(body.phoneNumber);
    const codeVerifier = newCodeVerifier();
    const codeChallenge = await pkceChallenge(codeVerifier);
    const deadline = deadlineFromArrival(c, deadlineMs, c.req.raw.signal).signal;
    let failure: unknown;
    for (const adapter of candidates) {
      const openForMs = deps.engine.breakers.openFor(breakerKey(adapter.id, VERIFY));
      if (openForMs !== undefined) {
        // Its code exchange would fail fast: no device is sent there.
        failure = new UpstreamError(adapter.id, 'server', `${adapter.id}: Number Verification is failing (breaker open)`, { retryAfterMs: openForMs });
        continue;
      }
      let operatorUrl: URL;
      try {
        operatorUrl = await untilAborted(
          adapter.numberVerification.authorizationUrl({ tenantId, redirectUri: callbackUrl, state, codeChallenge, phoneNumber: body.phoneNumber }),
          deadline,
        );
      } catch (error) {
        // Discovery failed or the operator has no device flow: the next provider of the chain may.
        failure = deadline.aborted ? new UpstreamError(adapter.id, 'timeout', `${adapter.id}: no answer before the deadline`) : error;
        if (deadline.aborted) break;
        continue;
      }
      const createdAt = now();
      const session: StoredSession = {
        id,
        tenantId,
        sealedPhoneNumber,
        provider: adapter.id,
        state,
        codeVerifier,
        // It may carry the number (an aggregator's login_hint): sealed like it.
        sealedOperatorUrl: await seal.seal(operatorUrl.href),
        callbackUrl,
        ...(body.redirectUri !== undefined ? { appRedirectUri: body.redirectUri } : {}),
        createdAt,
        expiresAt: createdAt + ttlMs,
        status: 'pending',
        callbackReceived: false,
      };
      await store.api(store.sessions.create(session, { retainUntil: retainUntil(session, ttlMs), maxPerTenant: settings.maxSessionsPerTenant }));
      c.set('provider', adapter.id);
      const location = `${origin}${SESSIONS}/${session.id}`;
      return c.json(
        {
          sessionId: session.id,
          authorizationUrl: `${location}/start`,
          expiresAt: new Date(session.expiresAt).toISOString(),
        } satisfies z.input<typeof CreatedSession>,
        201,
        { location, 'cache-control': 'no-store' },
      );
    }
    throw creationError(failure);
  });

  api.get(SESSION, async (c) => {
    const session = await tenantSession(c.get('tenantId'), c.req.param('id'), store.api);
    if (!session) throw new CamaraError('NOT_FOUND', 'No such number verification session');
    c.set('provider', session.provider);
    return c.json(publicView(session) satisfies z.input<typeof SessionView>, 200, { 'cache-control': 'no-store' });
  });

  const device = new Hono<GatewayEnv>();
  device.onError((error, c) => {
    if (!(error instanceof SessionStoreDown)) throw error;
    return devicePage(c, { code: 'UNAVAILABLE', title: 'Try again shortly', message: 'This verification cannot be continued right now. Wait a moment and reload this page.' });
  });
  device.get(SESSION_START, async (c) => {
    const id = c.req.param('id');
    const stored = isSessionId(id) ? await store.device(store.sessions.get(id)) : undefined;
    const session = stored && asOf(stored, now());
    if (!session || session.problem?.code === SESSION_EXPIRED.code) return unknownSessionPage(c);
    if (session.status !== 'pending' || session.callbackReceived) {
      return devicePage(c, { code: 'CONFLICT', title: 'Already finished', message: 'This verification has already finished. Return to the app.' });
    }
    // Unreadable: sealed under another numberKeySecret, or stored before operator URLs were sealed.
    const operatorUrl = await seal.open(session.sealedOperatorUrl).catch(() => undefined);
    if (operatorUrl === undefined) return unknownSessionPage(c);
    return c.body(null, 302, { ...deviceHeaders(), location: operatorUrl });
  });

  device.get(CALLBACK, async (c) => {
    const state = c.req.query('state');
    const id = state === undefined ? undefined : sessionIdOfState(state);
    const stored = isSessionId(id) ? await store.device(store.sessions.get(id)) : undefined;
    const found = stored && stored.state === state ? asOf(stored, now()) : undefined;
    if (!found || (found.status !== 'pending' && !found.callbackReceived)) return unknownSessionPage(c);
    // Claimed atomically: of two callbacks with the same code (a reload, another instance), one redeems it.
    const session = found.callbackReceived ? undefined : await store.device(store.sessions.claimCallback(found.id));
    if (!session) {
      return devicePage(c, { code: 'CONFLICT', title: 'Already finished', message: 'This verification has already finished. Return to the app.' });
    }
    c.set('provider', session.provider);

    const code = c.req.query('code');
    const error = c.req.query('error');
    let end: SessionEnd;
    if (error !== undefined) {
      end = ended('failed', problemOfAuthorizationError(error));
    } else if (code) {
      end = await verify(session, code, c.get('correlator'), deadlineFromArrival(c, deadlineMs).signal);
    } else {
      end = ended('failed', { code: 'INVALID_CALLBACK', message: 'The operator sent the device back without a code or an error.', retryable: true });
    }
    deps.logger.info('number verification finished', {
      correlator: c.get('correlator'),
      tenant: session.tenantId,
      provider: session.provider,
      session: session.id,
      status: end.status,
      problem: end.problem?.code,
    });
    await store.device(store.sessions.finish(session.id, end, retainUntil({ expiresAt: session.expiresAt, completedAt: end.completedAt }, ttlMs)));

    if (session.appRedirectUri) return c.body(null, 302, { ...deviceHeaders(), location: appRedirectFor(session.appRedirectUri, session.id) });
    return doneBody(c, end);
  });

  /**
   * The code exchange and /verify, through the engine as a single-use call pinned to the session's
   * operator (breaker, daily cap, metrics; never cached, shared, retried or hedged: the code is
   * single-use). `signal` is the gateway's deadline, not the browser's: the backend wants the
   * answer even if the device hangs up.
   */
  async function verify(session: StoredSession, code: string, correlator: string, signal: AbortSignal): Promise<SessionEnd> {
    const input = {
      tenantId: session.tenantId,
      redirectUri: session.callbackUrl,
      code,
      codeVerifier: session.codeVerifier,
      state: session.state,
      phoneNumber: await seal.open(session.sealedPhoneNumber),
    };
    try {
      const outcome = await deps.engine.runSingleUse(
        session.tenantId,
        session.provider,
        VERIFY,
        (adapter, context) => verifierOf(adapter).verify(input, context),
        { signal, correlator },
      );
      const result = resultOfOutcome(outcome);
      return ended(result.status, result.problem);
    } catch (error) {
      const problem = problemOfFailure(error);
      if (problem.code === 'INTERNAL') deps.logger.error('number verification failed', { correlator, error });
      return ended('failed', problem);
    }
  }

  function ended(status: SessionEnd['status'], problem?: SessionProblem): SessionEnd {
    return { status, completedAt: now(), ...(problem ? { problem } : {}) };
  }

  /** A tenant's session as it stands now; another tenant's is as unknown as a missing one. */
  async function tenantSession(tenantId: string, id: string, guard: <T>(work: Promise<T>) => Promise<T>): Promise<StoredSession | undefined> {
    if (!isSessionId(id)) return undefined;
    const stored = await guard(store.sessions.get(id));
    return stored && stored.tenantId === tenantId ? asOf(stored, now()) : undefined;
  }

  async function outcomeFor(tenantId: string, sessionId: string, phoneNumber: string): Promise<{ outcome: VerificationOutcome; detail: string }> {
    let session: StoredSession | undefined;
    try {
      session = await tenantSession(tenantId, sessionId, store.bounded);
    } catch {
      return { outcome: 'unknown', detail: 'the verification sessions could not be read in time' };
    }
    if (!session) return { outcome: 'unknown', detail: 'the verification session is unknown or has expired' };
    if ((await seal.open(session.sealedPhoneNumber)) !== phoneNumber) return { outcome: 'unknown', detail: 'the verification session is for another number' };
    if (session.status === 'verified' || session.status === 'not_verified') {
      return { outcome: session.status, detail: `session ${session.status}` };
    }
    return { outcome: 'unknown', detail: session.status === 'pending' ? 'the verification is not finished' : 'the verification failed' };
  }

  return { device, api, outcomeFor };
}

function verifierOf(adapter: Adapter): NumberVerifier {
  if (!adapter.numberVerification) throw new Error(`${adapter.id} no longer offers Number Verification`);
  return adapter.numberVerification;
}

function unknownSessionPage(c: Context): Response {
  return devicePage(c, {
    code: 'NOT_FOUND',
    title: 'Link expired',
    message: 'This verification link is unknown or has expired. Start again from the app.',
  });
}

/**
 * The shared state's sessions, each call bounded by `sessionTimeoutMs`: `api` turns a store that
 * fails or does not answer into a CAMARA 503 for API clients, `device` into a 503 page for the
 * device's browser, `bounded` just rejects.
 */
function sessionAccess(deps: AppDependencies, observer: GatewayObserver) {
  const { sessions, sessionTimeoutMs } = deps.sharedState;
  const bounded = <T>(work: Promise<T>) => withinTimeReported(work, sessionTimeoutMs, 'the session store', () => observer.onSharedStateFailure('sessions'));
  const api = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await bounded(work);
    } catch (error) {
      deps.logger.warn('number verification sessions unavailable', { error: (error as Error).message });
      throw new CamaraError('UNAVAILABLE', 'Number Verification sessions cannot be reached right now; try again shortly.', { retryAfterSeconds: 1 });
    }
  };
  const device = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await api(work);
    } catch (error) {
      throw new SessionStoreDown(error);
    }
  };
  return { sessions, bounded, api, device };
}

/** Thrown by device routes when the session store is down: answered with a 503 page (device.onError). */
class SessionStoreDown extends Error {
  constructor(cause: unknown) {
    super('session store unavailable', { cause });
  }
}

/** Neutral for both answers: the page never tells the device holder what the check found. */
function doneBody(c: Context, session: SessionEnd): Response {
  if (session.status === 'failed' && session.problem?.code === NOT_NETWORK_AUTHENTICATED) {
    return devicePage(c, {
      title: 'Could not check this phone',
      message: 'Your mobile network could not recognise this phone. Turn off Wi-Fi, use mobile data, and try again from the app.',
    });
  }
  return devicePage(c, { title: 'Done', message: 'The check is complete. You can return to the app.' });
}

/** No provider produced an authorization URL: the CAMARA error for the last reason. */
function creationError(failure: unknown): CamaraError {
  if (failure instanceof UpstreamError) {
    switch (failure.failure) {
      case 'timeout':
      case 'token_pending':
        return new CamaraError('TIMEOUT', 'The network provider did not answer in time.');
      case 'network':
      case 'server':
      case 'rate_limited':
        return new CamaraError('UNAVAILABLE', 'The network provider is unavailable; try again later.', {
          retryAfterSeconds: failure.retryAfterMs !== undefined ? Math.max(1, Math.ceil(failure.retryAfterMs / 1000)) : undefined,
        });
      case 'malformed':
      case 'auth':
      case 'rejected':
        return new CamaraError('BAD_GATEWAY', 'The network provider refused to start Number Verification; contact the operator of this gateway.');
    }
  }
  throw failure;
}
