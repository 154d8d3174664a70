/**
 * GET /agent/calls/{id}?t=… : the agent's screen of one assessment, and POST to the same URL: the
 * outcome the agent records after the call. No API key: the signed link is the credential (an
 * agent's browser holds none), for the page and for its form alike, so a page elsewhere that does
 * not hold the link cannot post an outcome (and a cross-site post is refused outright).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { OperationDoc } from '../../openapi/operation.ts';
import { PolicyBook } from '../../engine/assessment/policy-book.ts';
import { CamaraError } from '../../errors.ts';
import { NO_OBSERVER, type GatewayObserver } from '../../observability/observer.ts';
import { CALL_OUTCOMES, type AssessmentRecord, type CallOutcome } from '../../shared-state/port.ts';
import { assessmentRecords, viewOf } from '../assessment-records.ts';
import type { AppDependencies, GatewayEnv } from '../http-context.ts';
import { AGENT_SCREEN_PATH } from './link.ts';
import { agentLinksOf } from './url.ts';
import { messagePage, OUTCOME_LABELS, screenPage, styleSource } from './page.ts';

export const AGENT_SCREEN_ROUTE = `${AGENT_SCREEN_PATH}/:id`;

const LinkQuery = z.object({ t: z.string().describe('The signed token of the link: `<expiry>.<signature>`') });
const PAGE = { 'text/html': { description: "The agent's screen" } };
const ASSESSMENT_ID = { id: { description: 'The assessment, as in its agentScreenUrl' } };
const OutcomeForm = z
  .strictObject({ outcome: z.enum(CALL_OUTCOMES).describe('What the call turned out to be') })
  .describe("The agent screen's form, as its buttons post it");
const PAGE_ERRORS = 'Error answers are HTML pages: 404 for an unknown id and a bad signature alike, 410 for an expired link, 503 when the records cannot be reached.';

export const AGENT_SCREEN_OPERATIONS: readonly OperationDoc[] = [
  {
    method: 'get',
    path: AGENT_SCREEN_ROUTE,
    operationId: 'showAgentScreen',
    summary: "The agent's screen of one assessment (an HTML page)",
    description: `No API key: the signed link (agentScreenUrl of the assessment) is the credential. Not for API clients. ${PAGE_ERRORS}`,
    tag: 'agent screen',
    access: 'public',
    query: LinkQuery,
    pathParameters: ASSESSMENT_ID,
    success: [{ status: 200, description: 'What to do, why, and how to verify the caller; no number beyond its last two digits', otherMediaTypes: PAGE }],
    errors: ['NOT_FOUND', 'GONE', 'UNAVAILABLE'],
    htmlErrors: true,
  },
  {
    method: 'post',
    path: AGENT_SCREEN_ROUTE,
    operationId: 'recordOutcomeFromAgentScreen',
    summary: "The agent's screen's form: what the call turned out to be",
    description: `Form-encoded \`outcome\` (${CALL_OUTCOMES.join(', ')}), under the same signed link; recorded once. A cross-site post is refused (403). ${PAGE_ERRORS}`,
    tag: 'agent screen',
    access: 'public',
    query: LinkQuery,
    pathParameters: ASSESSMENT_ID,
    body: OutcomeForm,
    bodyMediaType: 'application/x-www-form-urlencoded',
    bodyExample: { outcome: 'genuine' },
    success: [{ status: 303, description: 'Back to the page, which shows the outcome', headers: { location: 'The page' } }],
    errors: ['INVALID_ARGUMENT', 'PERMISSION_DENIED', 'NOT_FOUND', 'CONFLICT', 'GONE', 'CONTENT_TOO_LARGE', 'UNAVAILABLE'],
    htmlErrors: true,
  },
];

/** A form of one button: anything longer is not from the page. */
const MAX_FORM_BYTES = 256;

const PAGES = {
  notValid: { status: 404, title: 'This link is not valid', message: 'Open the call again from your desktop to get a new link.' },
  expired: { status: 410, title: 'This link has expired', message: 'Links to a call check work for a limited time. Open the call again from your desktop to get a new link.' },
  unavailable: { status: 503, title: 'The call check cannot be shown right now', message: 'Try again in a moment. Until then, treat the caller as unverified.' },
  badForm: { status: 400, title: 'The outcome could not be recorded', message: 'Use the buttons on the call check page.' },
  tooLarge: { status: 413, title: 'The outcome could not be recorded', message: 'The form sent was larger than the call check page sends. Use the buttons on the call check page.' },
  crossSite: { status: 403, title: 'The outcome could not be recorded', message: 'Outcomes are recorded from the call check page only.' },
} as const;

type PageName = keyof typeof PAGES;

function contentSecurityPolicy(styles: string, frameAncestors: readonly string[]): string {
  const framing = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  return `default-src 'none'; style-src ${styles}; form-action 'self'; base-uri 'none'; frame-ancestors ${framing}`;
}

export function agentScreenRoutes(deps: AppDependencies, observer: GatewayObserver = NO_OBSERVER): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const links = agentLinksOf(deps);
  const tenantIds = deps.config.tenants.map((tenant) => tenant.id);
  const store = assessmentRecords(deps, observer);
  const policies = new PolicyBook(deps.config);
  const { frameAncestors } = deps.config.agentScreen;
  const headers = styleSource().then((styles) => ({
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': contentSecurityPolicy(styles, frameAncestors),
    ...(frameAncestors.length === 0 ? { 'x-frame-options': 'DENY' } : {}),
  }));

  const html = async (c: Context<GatewayEnv>, body: string, status: number) => c.html(body, status as 200, await headers);
  const page = (c: Context<GatewayEnv>, name: PageName) => html(c, messagePage(PAGES[name].title, PAGES[name].message), PAGES[name].status);

  /** The record the link opens, or the page that says why it opens none (unknown and forged look the same). */
  async function opened(c: Context<GatewayEnv>): Promise<AssessmentRecord | PageName> {
    const id = c.req.param('id') ?? '';
    const signer = await links.signerOf(c.req.query('t'), tenantIds, id, Date.now());
    if (signer === 'forged') return 'notValid';
    if (signer.check === 'expired') return 'expired';
    try {
      return await store.read(signer.tenantId, id);
    } catch (error) {
      if (error instanceof CamaraError && error.code === 'UNAVAILABLE') return 'unavailable';
      return 'notValid';
    }
  }

  routes.get(AGENT_SCREEN_ROUTE, async (c) => {
    const record = await opened(c);
    if (typeof record === 'string') return page(c, record);
    const view = viewOf(record);
    if (!view) return page(c, 'notValid');
    return html(c, screenPage(view, policies.for(record.tenantId).guidance, ownPath(c)), 200);
  });

  routes.post(AGENT_SCREEN_ROUTE, async (c) => {
    if (c.req.header('sec-fetch-site') === 'cross-site') return page(c, 'crossSite');
    const record = await opened(c);
    if (typeof record === 'string') return page(c, record);
    const outcome = await outcomeOf(c);
    if (typeof outcome !== 'string') return page(c, outcome.refused);
    try {
      await store.recordOutcome(record, outcome);
    } catch (error) {
      if (error instanceof CamaraError && error.code === 'CONFLICT') {
        const kept = (await store.read(record.tenantId, record.id).catch(() => record)).outcome?.outcome;
        const said = `${kept ? `Recorded first: ${OUTCOME_LABELS[kept]}.` : 'An outcome was already recorded.'} An outcome is recorded once.`;
        return html(c, messagePage('The outcome was already recorded', said), 409);
      }
      return page(c, error instanceof CamaraError && error.code === 'UNAVAILABLE' ? 'unavailable' : 'notValid');
    }
    // Post/redirect/get: reloading the page does not post again.
    return c.body(null, 303, { ...(await headers), location: ownPath(c) });
  });

  return routes;
}

/** The page's own link, rebuilt from the id and the token that were checked (nothing else of the request's URL). */
function ownPath(c: Context<GatewayEnv>): string {
  return `${AGENT_SCREEN_PATH}/${encodeURIComponent(c.req.param('id') ?? '')}?t=${encodeURIComponent(c.req.query('t') ?? '')}`;
}

async function outcomeOf(c: Context<GatewayEnv>): Promise<CallOutcome | { refused: PageName }> {
  const length = Number(c.req.header('content-length'));
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (Number.isInteger(length) && length > MAX_FORM_BYTES) return { refused: 'tooLarge' };
  if (type !== 'application/x-www-form-urlencoded' || !Number.isInteger(length)) return { refused: 'badForm' };
  const value = new URLSearchParams(await c.req.text()).get('outcome');
  return CALL_OUTCOMES.find((outcome) => outcome === value) ?? { refused: 'badForm' };
}
