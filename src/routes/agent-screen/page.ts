/**
 * The agent's screen as HTML: plain server-rendered markup, no script, no outside resources,
 * inline styles only (the CSP allows nothing else). It shows what the record holds and the
 * tenant's guidance texts, never a signal's value and never more of the number than its mask.
 */
import type { AgentGuidance } from '../../engine/assessment/agent-guidance.ts';
import type { ReasonCode, Recommendation } from '../../engine/assessment/policy.ts';
import type { CallOutcome } from '../../shared-state/port.ts';

export interface ScreenVerdict {
  recommendation: Recommendation;
  confidence: number;
  reasons: ReadonlyArray<{ code: ReasonCode }>;
  unanswered: ReadonlyArray<{ signal: string }>;
  degraded: boolean;
  policy: { tier: string; action?: string | undefined; channel: string };
  assessedAt: string;
  maskedNumber: string;
  outcome?: { outcome: CallOutcome; recordedAt: string } | undefined;
}

export const OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  genuine: 'Genuine customer',
  fraud_suspected: 'Suspected fraud',
  fraud_confirmed: 'Confirmed fraud',
  unknown: 'Not sure',
};

const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  sim_swap: 'SIM change',
  device_swap: 'handset change',
  call_forwarding: 'call forwarding',
  call_state: 'call in progress',
  roaming: 'roaming',
  reachability: 'reachability',
  number_verification: 'number verification',
};

/** Colours per answer (text on background ≥ 7:1), and never the only cue: the headline says it in words. */
const TONES: Readonly<Record<Recommendation, { fg: string; bg: string; label: string }>> = {
  allow: { fg: '#0b3d1a', bg: '#e3f4e8', label: 'Proceed' },
  step_up: { fg: '#4a2f00', bg: '#fff1d0', label: 'Verify further' },
  specialist: { fg: '#5a1500', bg: '#ffe3d6', label: 'Transfer' },
  deny: { fg: '#5c0011', bg: '#ffe0e5', label: 'Refuse' },
};

const STYLE = [
  'html{font-family:system-ui,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#fff}',
  'body{margin:0}main{max-width:42rem;margin:0 auto;padding:1rem}',
  'h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}',
  '.verdict{border-left:.5rem solid currentColor;padding:.75rem 1rem;border-radius:.25rem}',
  '.warning{border:2px solid #5a1500;background:#fff4ec;color:#5a1500;padding:.75rem 1rem;border-radius:.25rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}',
  'button{font:inherit;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border:2px solid #1a1a1a;border-radius:.25rem;background:#fff;color:#1a1a1a;cursor:pointer}',
  'button:hover{background:#eee}:focus-visible{outline:3px solid #0645ad;outline-offset:2px}',
  '@media (max-width:30rem){dl{grid-template-columns:1fr}}',
  ...Object.entries(TONES).map(([name, tone]) => `.${name}{color:${tone.fg};background:${tone.bg}}`),
].join('');

/** The CSP's source for the one style sheet: its hash, so no other inline style applies. */
export async function styleSource(): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function document(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}

/** A page that only says one thing (expired, not valid, unavailable). */
export function messagePage(title: string, message: string): string {
  return document(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function screenPage(verdict: ScreenVerdict, guidance: AgentGuidance, formAction: string): string {
  const { recommendation } = verdict;
  const instruction = guidance.instructions[recommendation];
  const tone = TONES[recommendation];
  const reasons = verdict.reasons.map((reason) => guidance.reasons[reason.code]);
  const steps =
    recommendation === 'step_up' ? [...new Set(verdict.reasons.map((reason) => guidance.stepUp[reason.code]).filter((text) => text !== undefined))] : [];
  const gaps = [...new Set(verdict.unanswered.map((gap) => SIGNAL_NAMES[gap.signal] ?? gap.signal))];
  const action = verdict.policy.action ? `${verdict.policy.action.replaceAll('_', ' ')} (${verdict.policy.tier} risk)` : `${verdict.policy.tier} risk`;

  const parts = [
    `<p>Call check for the number ending <strong>${escapeHtml(verdict.maskedNumber.slice(-2))}</strong></p>`,
    `<section class="verdict ${recommendation}" aria-labelledby="todo">`,
    `<h1 id="todo">${escapeHtml(instruction.title)}</h1><p>${escapeHtml(instruction.detail)}</p></section>`,
  ];
  if (verdict.degraded || gaps.length > 0) {
    parts.push(
      '<section class="warning" role="alert" aria-labelledby="degraded"><h2 id="degraded">Some checks did not answer</h2>',
      '<p>Treat the caller as unverified for what those checks cover.</p>',
      gaps.length > 0 ? `<p>Not answered: ${escapeHtml(gaps.join(', '))}.</p>` : '',
      '</section>',
    );
  }
  if (steps.length > 0) {
    parts.push('<section aria-labelledby="steps"><h2 id="steps">How to verify the caller</h2><ul>', ...steps.map((step) => `<li>${escapeHtml(step)}</li>`), '</ul></section>');
  }
  parts.push(
    '<section aria-labelledby="why"><h2 id="why">Why</h2>',
    reasons.length > 0 ? `<ul>${reasons.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>` : '<p>The network checks gave nothing of note.</p>',
    '</section>',
    '<section aria-labelledby="details"><h2 id="details">Details</h2><dl>',
    `<dt>Number</dt><dd>${escapeHtml(verdict.maskedNumber)}</dd>`,
    `<dt>Request</dt><dd>${escapeHtml(action)}</dd>`,
    `<dt>Answer</dt><dd>${escapeHtml(tone.label)} (confidence ${verdict.confidence} of 100)</dd>`,
    `<dt>Checked</dt><dd><time datetime="${escapeHtml(verdict.assessedAt)}">${escapeHtml(utc(verdict.assessedAt))}</time></dd>`,
    `<dt>Outcome</dt><dd>${verdict.outcome ? `${escapeHtml(OUTCOME_LABELS[verdict.outcome.outcome])}, recorded ${escapeHtml(utc(verdict.outcome.recordedAt))}` : 'Not recorded yet'}</dd>`,
    '</dl></section>',
  );
  if (!verdict.outcome) {
    parts.push(
      '<section aria-labelledby="outcome"><h2 id="outcome">After the call: what was it?</h2>',
      `<form method="post" action="${escapeHtml(formAction)}">`,
      ...Object.entries(OUTCOME_LABELS).map(([value, label]) => `<button type="submit" name="outcome" value="${value}">${escapeHtml(label)}</button>`),
      '</form></section>',
    );
  }
  return document(`${tone.label}: call check`, parts.join(''));
}
