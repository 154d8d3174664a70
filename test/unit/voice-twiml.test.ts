/** The Twilio signature and TwiML rendering on their own: the reference package agrees, escaping holds. */
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/config/load.ts';
import { embeddedConfig, embeddedTwilioWebhook } from '../../src/runtime/embedded.ts';
import { twimlFor, xmlEscape } from '../../src/routes/voice/twiml.ts';
import { twilioSignature, urlVariants, verifyTwilioSignature } from '../../src/routes/voice/twilio-signature.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('the Twilio signature', () => {
  it('matches the twilio package for repeated names, unicode and characters a URL escapes', async () => {
    const url = 'https://numtrust.example/v1/voice/twilio/acme?action=payment&x=%27a%20b';
    const params = new URLSearchParams([['From', '+447700900001'], ['Digits', '9'], ['Digits', '1'], ['Digits', '9'], ['CallerName', 'Zoë & <Ann>'], ['Empty', '']]);
    const reference = twilio.getExpectedTwilioSignature(TOKEN, url, { From: '+447700900001', Digits: ['9', '1', '9'], CallerName: 'Zoë & <Ann>', Empty: '' });
    expect(await twilioSignature(TOKEN, url, params)).toBe(reference);
    expect(await verifyTwilioSignature(TOKEN, reference, url, params)).toBe(true);
    expect(await verifyTwilioSignature(TOKEN, reference.slice(0, -2), url, params)).toBe(false);
    expect(await verifyTwilioSignature(TOKEN, undefined, url, params)).toBe(false);
  });

  it('tries the URL with and without the default port, never another port', () => {
    expect(urlVariants('https://a.example/p?q=1')).toEqual(['https://a.example/p?q=1', 'https://a.example:443/p?q=1']);
    expect(urlVariants('http://127.0.0.1:8080/p')).toEqual(['http://127.0.0.1:8080/p']);
  });
});

describe('TwiML', () => {
  const verdict = {
    recommendation: 'deny', confidence: '0', level: 'very_low', reasonCodes: 'SIM_SWAP_HOURS', unansweredCodes: '', degraded: 'false',
    assessmentId: 'id"<&>', agentScreenUrl: 'https://n.example/agent/calls/x?t=1.a', action: 'payment', tier: 'medium', assessedAt: '2026-12-05T00:00:00.000Z',
  };

  it('escapes text and attributes and drops what XML cannot carry', () => {
    expect(xmlEscape(`a&b<c>d"e'f\u0000g\u001Fh`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;fgh');
    const task = twimlFor({ verb: 'enqueue', workflowSid: 'WW0123456789abcdef0123456789abcdef', say: '</Say><Hangup/>' }, verdict);
    expect(task).toContain('<Say>&lt;/Say&gt;&lt;Hangup/&gt;</Say>');
    expect(task).toContain('&quot;assessmentId&quot;:&quot;id\\&quot;&lt;&amp;&gt;&quot;');
    expect(task.match(/<[A-Za-z]/g)).toHaveLength(4);
  });

  it('a redirect keeps its own query and carries the verdict (or the fallback flag) in nt_ parameters', () => {
    const url = new URL(twimlFor({ verb: 'redirect', url: 'https://f.example/x?keep=1' }, verdict).match(/>(https[^<]+)</)![1]!.replaceAll('&amp;', '&'));
    expect(url.searchParams.get('keep')).toBe('1');
    expect(url.searchParams.get('nt_assessmentId')).toBe('id"<&>');
    expect(twimlFor({ verb: 'redirect', url: 'https://f.example/x' }, undefined)).toContain('https://f.example/x?nt_fallback=true');
  });
});

describe('voice config', () => {
  it('refuses a webhook action the tenant does not have, and a token in the clear that is too short', () => {
    const base = embeddedConfig('http://127.0.0.1:1', 'nt_test_0123456789abcdef0123456789');
    const withWebhook = (twilioSettings: object) => ({ ...base, tenants: [{ ...base.tenants[0], voice: { twilio: twilioSettings } }] });
    expect(() => parseGatewayConfig(withWebhook({ ...embeddedTwilioWebhook(TOKEN), action: 'teleport' }), {})).toThrow(/unknown action "teleport"[\s\S]*tenants\[0\]\.voice\.twilio\.action/);
    expect(() => parseGatewayConfig(withWebhook({ ...embeddedTwilioWebhook('short') }), {})).toThrow(/authToken/);
    expect(() => parseGatewayConfig(withWebhook({ ...embeddedTwilioWebhook({ $env: 'ACME_TWILIO' } as never) }), { ACME_TWILIO: TOKEN })).not.toThrow();
  });
});
