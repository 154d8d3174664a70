/**
 * Signed, expiring links to the agent's screen of one assessment: `/agent/calls/{id}?t=<exp>.<mac>`,
 * the MAC an HMAC-SHA-256 over the tenant, the assessment id and the expiry, under a key derived
 * from `numberKeySecret` (so any instance can check a link another made). The link is the only
 * credential the page needs: an agent's browser has no API key.
 */
import { constantTimeEqual } from '../../auth/api-keys.ts';
import { derivedKeyBytes } from '../../auth/derived-key.ts';
import { toBase64Url } from '../../contract/encoding.ts';
import { webCryptoHmacSha256, type HmacSha256 } from '../../contract/hmac.ts';

export const AGENT_SCREEN_PATH = '/agent/calls';

export type LinkCheck = 'valid' | 'expired' | 'forged';

export interface AgentLinks {
  /** The page's path and query for `assessmentId`, valid until `expiresAt` (epoch ms). */
  pathFor(tenantId: string, assessmentId: string, expiresAt: number): Promise<string>;
  check(token: string | undefined, tenantId: string, assessmentId: string, now: number): Promise<LinkCheck>;
  /**
   * Which of `tenantIds` signed the link (the URL does not name its tenant), and whether it is
   * still valid; 'forged' when none did.
   */
  signerOf(token: string | undefined, tenantIds: readonly string[], assessmentId: string, now: number): Promise<{ tenantId: string; check: Exclude<LinkCheck, 'forged'> } | 'forged'>;
}

export function agentLinks(secret: string | undefined, hmacSha256: HmacSha256 = webCryptoHmacSha256): AgentLinks {
  const mac = derivedKeyBytes(secret, 'numtrust agent-screen link v1').then((key) => hmacSha256(key));
  const sign = async (tenantId: string, assessmentId: string, expSeconds: number) =>
    toBase64Url(await (await mac)(`${tenantId}\n${assessmentId}\n${expSeconds}`));

  return {
    async pathFor(tenantId, assessmentId, expiresAt) {
      const expSeconds = Math.floor(expiresAt / 1000);
      return `${AGENT_SCREEN_PATH}/${encodeURIComponent(assessmentId)}?t=${expSeconds}.${await sign(tenantId, assessmentId, expSeconds)}`;
    },
    async check(token, tenantId, assessmentId, now) {
      const match = token === undefined ? null : /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return 'forged';
      const expSeconds = Number(match[1]);
      if (!constantTimeEqual(await sign(tenantId, assessmentId, expSeconds), match[2]!)) return 'forged';
      return now >= expSeconds * 1000 ? 'expired' : 'valid';
    },
    async signerOf(token, tenantIds, assessmentId, now) {
      for (const tenantId of tenantIds) {
        const check = await this.check(token, tenantId, assessmentId, now);
        if (check !== 'forged') return { tenantId, check };
      }
      return 'forged';
    },
  };
}
