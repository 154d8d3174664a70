/** The agent-screen link of a verdict, for the answers that carry one (pre-screen, voice webhooks, assessments). */
import type { AppDependencies } from '../http-context.ts';
import { DEFAULT_RECORD_RETENTION_SECONDS } from '../assessment-records.ts';
import { agentLinks } from './link.ts';

export type AgentScreenLinker = (requestOrigin: string, tenantId: string, assessmentId: string, assessedAt: number) => Promise<string | undefined>;

/** Undefined for a tenant that keeps no records (nothing to show). */
export function agentScreenLinker(deps: Pick<AppDependencies, 'config'>): AgentScreenLinker {
  const { config } = deps;
  const links = agentLinks(config.numberKeySecret);
  const retention = new Map(config.tenants.map((tenant) => [tenant.id, tenant.recordRetentionSeconds ?? DEFAULT_RECORD_RETENTION_SECONDS]));
  return async (requestOrigin, tenantId, assessmentId, assessedAt) => {
    const retentionSeconds = retention.get(tenantId) ?? 0;
    if (retentionSeconds === 0) return undefined;
    const expiresAt = assessedAt + Math.min(retentionSeconds, config.agentScreen.linkTtlSeconds) * 1000;
    const origin = config.agentScreen.publicUrl ?? config.numberVerification.publicUrl ?? requestOrigin;
    return `${origin}${await links.pathFor(tenantId, assessmentId, expiresAt)}`;
  };
}
