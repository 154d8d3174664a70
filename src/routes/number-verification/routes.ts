/**
 * Number Verification through the gateway (CAMARA NV 2.x underneath):
 *
 *   app backend ── POST /v1/number-verification/sessions {phoneNumber} ──▶ gateway   (API key)
 *   device ─────── GET  /v1/number-verification/sessions/{id}/start ────▶ 302 operator /authorize
 *   device ─────── (over mobile data) operator recognises the line ─────▶ 302 gateway callback
 *   device ─────── GET  /v1/number-verification/callback?code&state ────▶ exchange, verify, 302 app
 *   app backend ── GET  /v1/number-verification/sessions/{id} ──────────▶ {status}              (API key)
 *
 * The two device-facing routes carry no API key (a browser follows them); the state and the
 * PKCE verifier stay in the gateway, and the number never appears in a URL or a log line.
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
import { complete, publicView, SESSION_EXPIRED, SessionStore, type SessionProblem, type VerificationSession } from './sessions.ts';

const VERIFY = 'number_verification.verify';

export interface NumberVerificationRoutes {
  /** Browser-facing, mounted before API-key authentication. */
  device: Hono<GatewayEnv>;
  /** API-key routes. */
  api: Hono<GatewayEnv>;
  /** What a tenant's session says about a number, for assessments (another number's session says nothing). */
  outcomeFor: (tenantId: string, sessionId: string, phoneNumber: string) => { outcome: VerificationOutcome; detail: string };
}

export function numberVerificationRoutes(deps: AppDependencies, options: { now?: () => number } = {}): NumberVerificationRoutes {
  const now = options.now ?? Date.now;
  const settings = deps.config.numberVerification;
  const ttlMs = settings.sessionTtlSeconds * 1000;
  const deadlineMs = deps.config.server.requestDeadlineMs;
  const store = new SessionStore({ maxPerTenant: settings.maxSessionsPerTenant, retentionMs: ttlMs });
  const publicOrigin = (c: Context) => settings.publicUrl ?? new URL(c.req.url).origin;

  const api = new Hono<GatewayEnv>();
  api.post(SESSIONS, async (c) => {
    const body = await readJsonBody(c, CreateSessionBody);
    const redirectProblem = body.redirectUri === undefined ? undefined : appRedirectProblem(body.redirectUri);
    if (redirectProblem) throw new CamaraError('INVALID_ARGUMENT', `Invalid redirectUri: ${redirectProblem}`);
    const tenantId = c.get('tenantId');
    const providers = deps.engine.providersFor(tenantId, body.phoneNumber, 'number_verification');
    if (!providers) throw new CamaraError('IDENTIFIER_NOT_FOUND', 'No provider is configured for this phone number range');
    const candidates = providers.filter((adapter): adapter is Adapter & { numberVerification: NumberVerifier } => !!adapter.numberVerification);
    if (candidates.length === 0) {
      throw new CamaraError('SERVICE_NOT_APPLICABLE', 'No provider of this phone number offers Number Verification.');
    }
    // The code exchange will spend one upstream call: a tenant without any left is told now, not after the device's trip.
    deps.engine.upstreamQuota.admit(tenantId);

    const origin = publicOrigin(c);
    const callbackUrl = `${origin}${CALLBACK}`;
    const state = newState();
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
          adapter.numberVerification.authorizationUrl({ tenantId, redirectUri: callbackUrl, state, codeChallenge }),
          deadline,
        );
      } catch (error) {
        // Discovery failed or the operator has no device flow: the next provider of the chain may.
        failure = deadline.aborted ? new UpstreamError(adapter.id, 'timeout', `${adapter.id}: no answer before the deadline`) : error;
        if (deadline.aborted) break;
        continue;
      }
      const createdAt = now();
      const session: VerificationSession = {
        id: `nv_${randomToken(16)}`,
        tenantId,
        phoneNumber: body.phoneNumber,
        provider: adapter.id,
        state,
        codeVerifier,
        operatorUrl: operatorUrl.href,
        callbackUrl,
        appRedirectUri: body.redirectUri,
        createdAt,
        expiresAt: createdAt + ttlMs,
        status: 'pending',
        callbackReceived: false,
      };
      store.add(session);
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

  api.get(SESSION, (c) => {
    const session = store.forTenant(c.get('tenantId'), c.req.param('id'), now());
    if (!session) throw new CamaraError('NOT_FOUND', 'No such number verification session');
    c.set('provider', session.provider);
    return c.json(publicView(session) satisfies z.input<typeof SessionView>, 200, { 'cache-control': 'no-store' });
  });
  api.on(['GET', 'PUT', 'PATCH', 'DELETE'], SESSIONS, (c) => {
    c.header('allow', 'POST');
    throw new CamaraError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${SESSIONS}; use POST`);
  });

  const device = new Hono<GatewayEnv>();
  device.get(SESSION_START, (c) => {
    const session = store.forDevice(c.req.param('id'), now());
    if (!session || session.problem?.code === SESSION_EXPIRED.code) return unknownSessionPage(c);
    if (session.status !== 'pending' || session.callbackReceived) {
      return devicePage(c, { code: 'CONFLICT', title: 'Already finished', message: 'This verification has already finished. Return to the app.' });
    }
    return c.body(null, 302, { ...deviceHeaders(), location: session.operatorUrl });
  });

  device.get(CALLBACK, async (c) => {
    const state = c.req.query('state');
    const session = state ? store.forState(state, now()) : undefined;
    if (!session || (session.status !== 'pending' && !session.callbackReceived)) return unknownSessionPage(c);
    if (session.callbackReceived) {
      return devicePage(c, { code: 'CONFLICT', title: 'Already finished', message: 'This verification has already finished. Return to the app.' });
    }
    session.callbackReceived = true;
    c.set('provider', session.provider);

    const code = c.req.query('code');
    const error = c.req.query('error');
    if (error !== undefined) {
      finish(session, 'failed', problemOfAuthorizationError(error));
    } else if (code) {
      await verify(session, code, c.get('correlator'), deadlineFromArrival(c, deadlineMs).signal);
    } else {
      finish(session, 'failed', { code: 'INVALID_CALLBACK', message: 'The operator sent the device back without a code or an error.', retryable: true });
    }
    deps.logger.info('number verification finished', {
      correlator: c.get('correlator'),
      tenant: session.tenantId,
      provider: session.provider,
      session: session.id,
      status: session.status,
      problem: session.problem?.code,
    });

    if (session.appRedirectUri) return c.body(null, 302, { ...deviceHeaders(), location: appRedirectFor(session.appRedirectUri, session.id) });
    return doneBody(c, session);
  });

  /**
   * The code exchange and /verify, through the engine as a single-use call pinned to the session's
   * operator (breaker, daily cap, metrics; never cached, shared, retried or hedged: the code is
   * single-use). `signal` is the gateway's deadline, not the browser's: the backend wants the
   * answer even if the device hangs up.
   */
  async function verify(session: VerificationSession, code: string, correlator: string, signal: AbortSignal): Promise<void> {
    const input = {
      tenantId: session.tenantId,
      redirectUri: session.callbackUrl,
      code,
      codeVerifier: session.codeVerifier,
      state: session.state,
      phoneNumber: session.phoneNumber,
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
      finish(session, result.status, result.problem);
    } catch (error) {
      const problem = problemOfFailure(error);
      if (problem.code === 'INTERNAL') deps.logger.error('number verification failed', { correlator, error });
      finish(session, 'failed', problem);
    }
  }

  function finish(session: VerificationSession, status: 'verified' | 'not_verified' | 'failed', problem?: SessionProblem): void {
    complete(session, now(), status, problem);
  }

  function outcomeFor(tenantId: string, sessionId: string, phoneNumber: string): { outcome: VerificationOutcome; detail: string } {
    const session = store.forTenant(tenantId, sessionId, now());
    if (!session) return { outcome: 'unknown', detail: 'the verification session is unknown or has expired' };
    if (session.phoneNumber !== phoneNumber) return { outcome: 'unknown', detail: 'the verification session is for another number' };
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

/** Neutral for both answers: the page never tells the device holder what the check found. */
function doneBody(c: Context, session: VerificationSession): Response {
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
