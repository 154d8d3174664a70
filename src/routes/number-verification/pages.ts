/**
 * What the device's browser sees: a small HTML page (or, for a client that asks for JSON only,
 * the CAMARA error shape). No script, no outside resources, no referrer, never cached.
 */
import type { Context } from 'hono';
import { CAMARA_CODES, type CamaraCode } from '../../errors.ts';

const HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

export function deviceHeaders(): Record<string, string> {
  return { ...HEADERS };
}

export function devicePage(c: Context, options: { title: string; message: string; code?: CamaraCode }): Response {
  const status = options.code ? CAMARA_CODES[options.code] : 200;
  if (options.code && prefersJson(c.req.header('accept'))) {
    return c.json({ status, code: options.code, message: options.message }, status as 400, HEADERS);
  }
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>${escapeHtml(options.title)}</title><body style="font-family:sans-serif;margin:2em">` +
    `<h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.message)}</p></body></html>`;
  return c.html(html, status as 200, HEADERS);
}

function prefersJson(accept: string | undefined): boolean {
  return accept !== undefined && /\bapplication\/json\b/i.test(accept) && !/\btext\/html\b/i.test(accept);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
