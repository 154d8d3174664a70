/** The agent-screen link of a verdict, for the answers that carry one (pre-screen, voice webhooks, assessments). */
import type { AppDependencies } from '../http-context.ts';
import { DEFAULT_RECORD_RETENTION_SECONDS } from '../assessment-records.ts';
import type { GatewayConfig } from '../../config/schema.ts';
import { agentLinks, type AgentLinks } from './link.ts';

export type AgentScreenLinker = (requestOrigin: string, tenantId: string, assessmentId: string, assessedAt: number) => Promise<string | undefined>;

const LINKS = new WeakMap<GatewayConfig, AgentLinks>();

/** One signer per config: without a numberKeySecret its key is drawn at random, and the page must check what the answers link to. */
export function agentLinksOf(deps: Pick<AppDependencies, 'config' | 'hmacSha256'>): AgentLinks {
  let links = LINKS.get(deps.config);
  if (!links) LINKS.set(deps.config, (links = agentLinks(deps.config.numberKeySecret, deps.hmacSha256)));
  return links;
}

/** Undefined for a tenant that keeps no records (nothing to show). */
export function agentScreenLinker(deps: Pick<AppDependencies, 'config' | 'hmacSha256'>): AgentScreenLinker {
  const { config } = deps;
  const links = agentLinksOf(deps);
  const retention = new Map(config.tenants.map((tenant) => [tenant.id, tenant.recordRetentionSeconds ?? DEFAULT_RECORD_RETENTION_SECONDS]));
  return async (requestOrigin, tenantId, assessmentId, assessedAt) => {
    const retentionSeconds = retention.get(tenantId) ?? 0;
    if (retentionSeconds === 0) return undefined;
    const expiresAt = assessedAt + Math.min(retentionSeconds, config.agentScreen.linkTtlSeconds) * 1000;
    const origin = config.agentScreen.publicUrl ?? config.numberVerification.publicUrl ?? requestOrigin;
    return `${origin}${await links.pathFor(tenantId, assessmentId, expiresAt)}`;
  };
}
