/**
 * The shared state of a Worker (`sharedState.kind: "durable-objects"`): rate limits and daily caps
 * in one TenantLimits object per tenant, Number Verification sessions in one NvSession object per
 * session, assessment records in one RecordedAssessment object per assessment. The namespaces are typed structurally (only what is used) and the objects' classes are
 * imported as types only, so this module carries no Workers code. Answers stay in the Cache API or
 * KV (`cache.secondTier`), not here.
 */
import type { SharedStateConfig } from '../../config/schema.ts';
import type { SharedState } from '../../shared-state/port.ts';
import type { NvSession } from './nv-session.ts';
import type { RecordedAssessment } from './recorded-assessment.ts';
import type { TenantLimits } from './tenant-limits.ts';

/** What a stub offers for an object's methods: each call is a remote one and answers a promise. */
type Remote<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export type TenantLimitsStub = Remote<Pick<TenantLimits, 'take' | 'tryTake' | 'add' | 'used' | 'admitSession'>>;
export type NvSessionStub = Remote<Pick<NvSession, 'create' | 'get' | 'claimCallback' | 'finish' | 'drop'>>;
export type RecordedAssessmentStub = Remote<Pick<RecordedAssessment, 'put' | 'get' | 'setOutcome'>>;

export interface DurableObjectNamespaceLike<Stub> {
  idFromName(name: string): unknown;
  get(id: unknown): Stub;
}

type DurableObjectsConfig = Extract<SharedStateConfig, { kind: 'durable-objects' }>;

function isNamespace<Stub>(value: unknown): value is DurableObjectNamespaceLike<Stub> {
  const candidate = value as Partial<DurableObjectNamespaceLike<Stub>> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.idFromName === 'function' && typeof candidate.get === 'function';
}

const notBound = (name: string) => `no Durable Object namespace is bound as ${name} (sharedState of kind "durable-objects", docs/workers.md)`;

/** The shared state over the namespaces the config names, or why it cannot be built. */
export function durableObjectsSharedState(config: DurableObjectsConfig, bindings: Record<string, unknown>): SharedState | string {
  const limits = bindings[config.limitsBinding];
  if (!isNamespace<TenantLimitsStub>(limits)) return notBound(config.limitsBinding);
  const sessions = bindings[config.sessionsBinding];
  if (!isNamespace<NvSessionStub>(sessions)) return notBound(config.sessionsBinding);
  const records = bindings[config.recordsBinding];
  if (!isNamespace<RecordedAssessmentStub>(records)) return notBound(config.recordsBinding);
  // A stub is cheap (no call until a method is), so each call makes its own.
  const tenant = (tenantId: string) => limits.get(limits.idFromName(tenantId));
  const session = (id: string) => sessions.get(sessions.idFromName(id));
  const record = (id: string) => records.get(records.idFromName(id));

  return {
    kind: 'durable-objects',
    rateLimits: { take: (tenantId, limit) => tenant(tenantId).take(limit) },
    quotas: {
      tryTake: (tenantId, day, cap) => tenant(tenantId).tryTake(day, cap),
      add: (tenantId, day, calls) => tenant(tenantId).add(day, calls),
      used: (tenantId, day) => tenant(tenantId).used(day),
    },
    sessions: {
      async create(stored, { retainUntil, maxPerTenant }) {
        // The session first: the tenant's list then only names sessions that were stored.
        await session(stored.id).create(stored, retainUntil);
        const dropped = await tenant(stored.tenantId).admitSession(stored.id, retainUntil, maxPerTenant);
        await Promise.all(dropped.map((id) => session(id).drop()));
      },
      get: (id) => session(id).get(),
      claimCallback: (id) => session(id).claimCallback(),
      finish: (id, end, retainUntil) => session(id).finish(end, retainUntil),
    },
    records: {
      put: (assessment) => record(assessment.id).put(assessment),
      get: (id) => record(id).get(),
      setOutcome: (id, outcome) => record(id).setOutcome(outcome),
    },
    timeoutMs: config.timeoutMs,
    sessionTimeoutMs: config.sessionTimeoutMs,
    close: async () => {},
  };
}
