import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { injectFaults } from '../../faults/middleware.ts';
import { countRequests, type CarrierContext, type CarrierDescription, type MockCarrier } from '../carrier.ts';
import type { CamaraApi, CamaraApiDeps, OperationDefinition } from './apis/api.ts';
import { numberVerificationApi } from './apis/number-verification.ts';
import { callForwardingSignalApi } from './apis/call-forwarding-signal.ts';
import { deviceReachabilityStatusApi } from './apis/device-reachability-status.ts';
import { deviceRoamingStatusApi } from './apis/device-roaming-status.ts';
import { deviceSwapApi } from './apis/device-swap.ts';
import { scamSignalApi } from './apis/scam-signal.ts';
import { simSwapApi } from './apis/sim-swap.ts';
import { phoneNumberOfApiRequest } from './camara-http.ts';
import { camaraErrorResponse, camaraFaultResponse, camaraHandler, xCorrelator } from '../shared/camara-wire.ts';
import { ClientKeyCache } from './auth.ts';
import { IdTokenSigner } from './id-token.ts';
import { mountAuthorizationServer } from './oidc.ts';
import type { CamaraProfile } from './profiles.ts';
import type { ScopeCatalog } from './scopes.ts';
import { CamaraSettings } from './settings.ts';
import { OperatorState } from './state.ts';
import { formatRfc3339 } from './time-format.ts';

/** Assembles one mock CAMARA operator (authorization server + APIs) from its profile. */
export function createCamaraOperator(profile: CamaraProfile, ctx: CarrierContext): MockCarrier {
  const app = new Hono();
  const state = new OperatorState();
  const settings = new CamaraSettings(profile.settings);
  const operators = new Set(profile.operators.filter((id) => ctx.world.operators.has(id)));
  ctx.stats.register(profile.id);

  const instrument = (
    name: string,
    errorResponse: (c: Context, status: number, message: string) => Response,
    phoneNumberOf?: (c: Context) => Promise<string | undefined>,
  ): [MiddlewareHandler, MiddlewareHandler] => [
    countRequests(ctx.stats, profile.id, name),
    injectFaults({ registry: ctx.faults, stats: ctx.stats, carrier: profile.id, endpoint: name, errorResponse, phoneNumberOf }),
  ];

  const operation = (definition: OperationDefinition) => {
    const [count, faults] = instrument(definition.name, camaraFaultResponse, (c) =>
      phoneNumberOfApiRequest(c, state, ctx.world.now().getTime()),
    );
    const method = definition.method ?? 'POST';
    app.on(method, definition.path, count, xCorrelator(definition.correlator), faults, camaraHandler(definition.handler));
    app.all(definition.path, xCorrelator(definition.correlator), (c) =>
      camaraErrorResponse(c, 405, 'METHOD_NOT_ALLOWED', `Only ${method} is allowed on this operation`, { allow: method }),
    );
  };

  const apiDeps: CamaraApiDeps = {
    ctx,
    state,
    operators,
    settings,
    formatTime: (instant) => formatRfc3339(instant, profile.timestampOffset),
    operation,
  };

  const apiScopes = new Set<string>();
  const legacyAliases = new Map<string, string>();
  function mountApi<Options>(api: CamaraApi<Options>, options: Options | undefined): void {
    if (options === undefined) return;
    for (const scope of api.scopes) apiScopes.add(scope);
    for (const [alias, scope] of Object.entries(api.legacyScopeAliases)) legacyAliases.set(alias, scope);
    api.mount(app, apiDeps, options);
  }
  mountApi(simSwapApi, profile.apis.simSwap);
  mountApi(deviceSwapApi, profile.apis.deviceSwap);
  mountApi(callForwardingSignalApi, profile.apis.callForwardingSignal);
  mountApi(deviceReachabilityStatusApi, profile.apis.deviceReachabilityStatus);
  mountApi(deviceRoamingStatusApi, profile.apis.deviceRoamingStatus);
  mountApi(scamSignalApi, profile.apis.scamSignal);
  mountApi(numberVerificationApi, profile.apis.numberVerification);

  mountAuthorizationServer(app, {
    profile,
    ctx,
    state,
    settings,
    signer: new IdTokenSigner(profile.id),
    keys: new ClientKeyCache(),
    scopes: { apiScopes, legacyAliases } satisfies ScopeCatalog,
    operators,
    instrument,
  });

  return {
    id: profile.id,
    kind: 'camara',
    operators: [...operators],
    basePath: ctx.basePath,
    app,
    settings,
    describe: () => describeProfile(profile),
  };
}

function describeProfile(profile: CamaraProfile): CarrierDescription {
  const client = profile.clients[0]!;
  const lines: CarrierDescription = [
    ['name', profile.name],
    ['grants', profile.grantTypes.join(', ')],
    ['client auth', profile.clientAuthMethod],
    ['client_id', client.clientId],
  ];
  if (client.clientSecret) lines.push(['client_secret', client.clientSecret]);
  if (client.publicJwk) lines.push(['private key', 'LIBERTY_CLIENT_PRIVATE_JWK in mocks/carriers/camara/dev-credentials.ts']);
  if (profile.cibaPath) lines.push(['CIBA endpoint', profile.cibaPath]);
  if (profile.apis.simSwap) {
    const { versions, monitoredPeriodDays } = profile.apis.simSwap;
    lines.push(['SIM Swap', `${versions.join(', ')}; window ${monitoredPeriodDays === null ? 'full history' : `${monitoredPeriodDays} days`}`]);
  }
  const { deviceSwap, callForwardingSignal, deviceReachabilityStatus, deviceRoamingStatus, scamSignal } = profile.apis;
  if (deviceSwap) {
    const window = deviceSwap.monitoredPeriodDays === null ? 'full history' : `${deviceSwap.monitoredPeriodDays} days`;
    lines.push(['Device Swap', `${deviceSwap.versions.join(', ')}; window ${window}`]);
  }
  if (callForwardingSignal) {
    const list = callForwardingSignal.callForwardings ? '' : '; /call-forwardings -> 501';
    lines.push(['Call Forwarding Signal', `${callForwardingSignal.versions.join(', ')}${list}`]);
  }
  if (deviceReachabilityStatus) lines.push(['Device Reachability Status', deviceReachabilityStatus.versions.join(', ')]);
  if (deviceRoamingStatus) lines.push(['Device Roaming Status', deviceRoamingStatus.versions.join(', ')]);
  if (scamSignal) lines.push(['Scam Signal (vendor definition)', scamSignal.versions.join(', ')]);
  if (profile.apis.numberVerification) {
    lines.push(['Number Verification', `${profile.apis.numberVerification.version}; GET /authorize, device IP in x-mock-device-ip`]);
  }
  if (client.loopbackRedirects) lines.push(['redirect_uri', 'any http://127.0.0.1:<port>/… (also localhost, [::1])']);
  for (const note of profile.notes) lines.push(['note', note]);
  return lines;
}
