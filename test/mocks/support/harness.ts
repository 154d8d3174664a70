/** Test helpers: a mock network on an ephemeral port with a clock the test can move forward. */
import { SignJWT, importJWK } from 'jose';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { LIBERTY_CLIENT_PRIVATE_JWK } from '../../../mocks/carriers/camara/dev-credentials.ts';
import { startMockNetwork, type RunningMockNetwork, type StartMockNetworkOptions } from '../../../mocks/network.ts';
import { jsonAnswerOf, type JsonAnswer } from '../../support/json-answer.ts';
import { lateBound, startedIn } from '../../support/late-bound.ts';
import { carrierUrl, resetMockNetwork } from '../../support/mock-carriers.ts';

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
export const FRAUD = 'dpv:FraudPreventionAndDetection';
export const SECRETS = { albion: 'albion-dev-secret', brightwave: 'brightwave-dev-secret' } as const;
export const CLIENT_ID = 'numtrust-dev';

export interface Harness {
  net: RunningMockNetwork;
  base(carrierId: string): string;
  /** The network's clock: real time plus what `advance` added. */
  now(): number;
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startHarness(options: Omit<StartMockNetworkOptions, 'clock' | 'port'> = {}): Promise<Harness> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const net = await startMockNetwork({ ...options, clock: now });
  return {
    net,
    base: (carrierId) => carrierUrl(net, carrierId),
    now,
    advance: (ms) => {
      offset += ms;
    },
    close: () => net.close(),
  };
}

/**
 * A harness for the tests of the calling file or describe: started before them, closed after them,
 * and after each test the world, faults, request counts and carrier settings put back.
 */
export function useHarness(options: Omit<StartMockNetworkOptions, 'clock' | 'port'> = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
  });
  afterEach(() => {
    if (started) resetMockNetwork(started.net);
  });
  afterAll(() => started?.close());
  return lateBound(startedIn('the harness', () => started));
}

export type JsonReply = JsonAnswer;

const reply = jsonAnswerOf;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export async function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    }),
  );
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(await fetch(url, { headers }));
}

export async function send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonReply> {
  return reply(
    await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export function basic(clientId: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A liberty client assertion signed with the dev key; `claims` overrides the defaults. */
export async function libertyAssertion(audience: string, nowMs: number, claims: Record<string, unknown> = {}): Promise<string> {
  const key = await importJWK(LIBERTY_CLIENT_PRIVATE_JWK, 'ES256');
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ iss: CLIENT_ID, sub: CLIENT_ID, aud: audience, iat, exp: iat + 60, jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: LIBERTY_CLIENT_PRIVATE_JWK.kid! })
    .sign(key);
}

/** Client authentication fields/headers of the dev client at each mock operator. */
export async function clientAuth(
  h: Harness,
  carrierId: string,
  audience: string,
): Promise<{ params: Record<string, string>; headers: Record<string, string> }> {
  switch (carrierId) {
    case 'albion':
      return { params: {}, headers: basic(CLIENT_ID, SECRETS.albion) };
    case 'brightwave':
      return { params: { client_id: CLIENT_ID, client_secret: SECRETS.brightwave }, headers: {} };
    case 'liberty':
      return {
        params: {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: await libertyAssertion(audience, h.now()),
        },
        headers: {},
      };
    default:
      throw new Error(`no dev client for ${carrierId}`);
  }
}

export async function clientCredentialsToken(h: Harness, scope = `${FRAUD} sim-swap`): Promise<string> {
  const url = `${h.base('brightwave')}/token`;
  const auth = await clientAuth(h, 'brightwave', url);
  const response = await postForm(url, { grant_type: 'client_credentials', scope, ...auth.params }, auth.headers);
  if (response.status !== 200) throw new Error(`client credentials failed: ${response.text}`);
  return response.body.access_token;
}

const CIBA_PATH: Record<string, string> = { albion: '/bc-authorize', brightwave: '/bc_authorize', liberty: '/bc_authorize' };

/** A 3-legged token by CIBA over raw HTTP, moving the fake clock past `interval` instead of waiting. */
export async function cibaToken(h: Harness, carrierId: string, phoneNumber: string, scope = `openid ${FRAUD} sim-swap`): Promise<string> {
  const base = h.base(carrierId);
  const start = await startCiba(h, carrierId, phoneNumber, scope);
  if (start.status !== 200) throw new Error(`bc-authorize failed: ${start.text}`);
  h.advance(start.body.interval * 1000);
  const auth = await clientAuth(h, carrierId, `${base}/token`);
  const token = await postForm(`${base}/token`, { grant_type: CIBA_GRANT, auth_req_id: start.body.auth_req_id, ...auth.params }, auth.headers);
  if (token.status !== 200) throw new Error(`CIBA poll failed: ${token.text}`);
  return token.body.access_token;
}

export async function startCiba(h: Harness, carrierId: string, loginHintNumber: string, scope = `openid ${FRAUD} sim-swap`): Promise<JsonReply> {
  const url = `${h.base(carrierId)}${CIBA_PATH[carrierId]}`;
  const auth = await clientAuth(h, carrierId, url);
  return postForm(url, { scope, login_hint: `tel:${loginHintNumber}`, ...auth.params }, auth.headers);
}

export async function pollCiba(h: Harness, carrierId: string, authReqId: string): Promise<JsonReply> {
  const url = `${h.base(carrierId)}/token`;
  const auth = await clientAuth(h, carrierId, url);
  return postForm(url, { grant_type: CIBA_GRANT, auth_req_id: authReqId, ...auth.params }, auth.headers);
}
