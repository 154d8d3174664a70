/**
 * Each tenant's policy: the default scoring, then the config's global override, then the
 * tenant's own; and the tenant's named actions with their risk tiers.
 */
import type { GatewayConfig } from '../../config/schema.ts';
import { DEFAULT_AGENT_GUIDANCE, mergeGuidance, type AgentGuidance } from './agent-guidance.ts';
import { DEFAULT_SCORING, mergePolicy, type RiskTier, type ScoringPolicy } from './policy.ts';

/** Named actions every tenant has unless it renames or re-tiers them. */
export const DEFAULT_ACTIONS: Readonly<Record<string, RiskTier>> = {
  balance_inquiry: 'low',
  order_status: 'low',
  card_freeze: 'protective',
  block_account: 'protective',
  report_fraud: 'protective',
  payment: 'medium',
  change_contact_preferences: 'medium',
  change_address: 'high',
  change_phone_number: 'high',
  password_reset: 'high',
  add_payee: 'high',
  sim_replacement: 'high',
};

export interface TenantPolicy {
  /** 'default', or 'tenant:<id>' when the tenant overrides scoring. */
  name: string;
  scoring: ScoringPolicy;
  /** A Map, because clients name the action: `constructor` must be as unknown as any other name. */
  actions: ReadonlyMap<string, RiskTier>;
  /** What the agent's screen says (agent-guidance.ts). */
  guidance: AgentGuidance;
}

export class PolicyBook {
  private readonly byTenant = new Map<string, TenantPolicy>();

  constructor(config: GatewayConfig) {
    const global = mergePolicy(DEFAULT_SCORING, config.scoring);
    for (const tenant of config.tenants) {
      this.byTenant.set(tenant.id, {
        name: tenant.scoring ? `tenant:${tenant.id}` : config.scoring ? 'configured' : 'default',
        scoring: mergePolicy(global, tenant.scoring),
        actions: new Map(Object.entries({ ...DEFAULT_ACTIONS, ...tenant.actions })),
        guidance: mergeGuidance(DEFAULT_AGENT_GUIDANCE, tenant.agentGuidance),
      });
    }
  }

  for(tenantId: string): TenantPolicy {
    const policy = this.byTenant.get(tenantId);
    if (!policy) throw new Error(`unknown tenant ${tenantId}`);
    return policy;
  }
}
