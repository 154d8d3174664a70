/**
 * The CLI in a child process against a test gateway and its mock carriers (real HTTP on
 * 127.0.0.1): readable and --json output, world changes the checks then see, exit codes.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { CAMARA_ROUTES } from '../../src/app.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { runCli } from './run-cli.ts';

let gateway: TestGateway;
let env: Record<string, string>;
/** The embedded tenant's Twilio auth token, as the test gateway drew it. */
let twilioToken = '';

beforeAll(async () => {
  // No answer cache: a world change shows in the next check, as with --embedded.
  gateway = await startTestGateway({
    cacheTtlSeconds: 0,
    configure: (config) => {
      twilioToken = config.tenants[0]!.voice!.twilio!.authToken;
      return config;
    },
  });
  env = { NUMTRUST_URL: gateway.url, NUMTRUST_API_KEY: gateway.apiKey, NUMTRUST_MOCKS_URL: gateway.network.url, NUMTRUST_TWILIO_AUTH_TOKEN: twilioToken };
});

afterEach(() => {
  gateway.network.world.reset();
  gateway.network.faults.clear();
});

afterAll(async () => {
  await gateway?.close();
});

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('help and version', () => {
  it('--version names the package version and the Node it runs on', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${packageJson.version} (Node ${process.version})\n`);
  });

  it('help lists every command; a command\'s --help its options', async () => {
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    // No command at all is a usage error: the same help, on stderr, exit 2 (scripts see the mistake).
    const bare = await runCli([]);
    expect([bare.code, bare.stdout, bare.stderr]).toEqual([2, '', help.stdout]);
    expect((await runCli(['--help'])).code).toBe(0);
    for (const command of ['assess', 'call', 'check', 'world set', 'faults add', 'status', 'demo']) expect(help.stdout).toContain(`\n  ${command} `);
    const assess = await runCli(['assess', '--help']);
    expect(assess.code).toBe(0);
    expect(assess.stdout).toMatch(/^Usage: numtrust assess <number> \[options\]$/m);
    expect(assess.stdout).toMatch(/^  --inbound\s+the number is calling us now/m);
  });
});

describe('assess', () => {
  it('prints the verdict, its reasons and the signals as tables', async () => {
    // The longest deadline, so that a loaded machine cannot turn the verdict into a degraded one.
    const run = await runCli(['assess', '+447700900005', '--action', 'change_address', '--inbound', '--deadline', '10000'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^recommendation\s+allow$/m);
    expect(run.stdout).toMatch(/^\+20\s+CALLER_ON_CALL\s+call_state\s+/m);
    expect(run.stdout).toMatch(/^SIGNAL\s+OPERATION\s+STATUS\s+PROVIDER\s+CACHED\s+LATENCY$/m);
    expect(run.stdout).toMatch(/^call_state\s+call_state\.retrieve\s+ok\s+telesign\s+no\s+\d+ ms$/m);
  });

  it('--json prints the gateway answer as it came', async () => {
    const run = await runCli(['assess', '+447700900001', '--risk', 'low', '--channel', 'agent', '--deadline', '10000', '--json', '--gateway', gateway.url, '--key', gateway.apiKey]);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    // An agent has a caller on the line unless told otherwise: the on-hook check runs.
    expect(answer.policy).toMatchObject({ tier: 'low', channel: 'agent', inboundCall: true });
    expect(answer.reasons.map((reason: { code: string }) => reason.code)).toContain('SIM_SWAP_HOURS');
    expect(answer.signals.map((signal: { kind: string }) => signal.kind).sort()).toEqual(['call_forwarding', 'call_forwarding', 'call_state', 'roaming', 'sim_swap', 'sim_swap']);
    const notCalling = await runCli(['assess', '+447700900001', '--risk', 'low', '--channel', 'agent', '--not-inbound', '--json', '--gateway', gateway.url, '--key', gateway.apiKey]);
    expect(JSON.parse(notCalling.stdout).policy).toMatchObject({ channel: 'agent', inboundCall: false });
  });
});

describe('call', () => {
  it('plays a signed inbound call: the TwiML, the verdict read back by its id, the agent-screen link', async () => {
    const run = await runCli(['call', '+447700900001', '--action', 'change_address'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('POST /v1/voice/twilio/default?action=change_address  call from +447700900001 to +442079460000');
    expect(run.stdout).toContain('<Response><Say>numtrust recommends deny for this call.</Say><Hangup/></Response>');
    expect(run.stdout).toMatch(/^••••••••01  ivr, change_address \(high risk\), inbound call$/m);
    expect(run.stdout).toMatch(/^recommendation\s+deny$/m);
    expect(run.stdout).toMatch(new RegExp(`^agent screen\\s+${gateway.url}/agent/calls/[0-9a-f-]{36}\\?t=\\d+\\.[\\w-]{43}$`, 'm'));
  });

  it('--json: the TwiML, the ids and the verdict; the fallback when every provider hangs, with no verdict', async () => {
    const run = await runCli(['call', '+447700900001', '--json'], env);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ assessmentId: expect.any(String), agentScreenUrl: expect.any(String), verdict: { recommendation: 'deny', policy: { action: 'change_address' } } });
    gateway.network.faults.add({ kind: 'hang' });
    const fallback = await runCli(['call', '+447700900502'], env);
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toContain('<Response><Say>numtrust could not assess this call.</Say></Response>');
    expect(fallback.stdout).toContain('the fallback TwiML: no verdict to act on');
  });

  it('1 when the gateway refuses the signature; 2 without a token', async () => {
    const refused = await runCli(['call', '+447700900001', '--twilio-token', 'f'.repeat(32)], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the signature was refused');
    const tokenless = await runCli(['call', '+447700900001'], { ...env, NUMTRUST_TWILIO_AUTH_TOKEN: '' });
    expect(tokenless.code).toBe(2);
    expect(tokenless.stderr).toContain('no Twilio auth token');
  });
});

describe('check', () => {
  it('asks a CAMARA route and names the provider that answered', async () => {
    const run = await runCli(['check', 'sim-swap', '+447700900001', '--max-age', '24'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sim-swap  +447700900001  POST /sim-swap/v2/check  provider albion');
    expect(run.stdout).toMatch(/^swapped\s+true$/m);
  });

  it('--json prints the CAMARA body; device status routes get device.phoneNumber', async () => {
    const run = await runCli(['check', 'roaming', '+447700900007', '--json'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ roaming: true, countryCode: 208, countryName: ['FR'] });
  });

  it('knows every CAMARA route of the app', async () => {
    const run = await runCli(['check', '--help']);
    expect(run.code).toBe(0);
    for (const route of CAMARA_ROUTES) expect(run.stdout).toContain(`POST ${route.path}`);
  });
});

describe('world and faults', () => {
  it('world set, then a check in another run, sees the change', async () => {
    const before = await runCli(['check', 'call-forwarding-unconditional', '+447700900002', '--json'], env);
    expect(JSON.parse(before.stdout)).toEqual({ active: false });

    const set = await runCli(['world', 'set', '+447700900002', '--forwarding', 'unconditional', '--roaming', 'fr'], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^forwarding\s+unconditional$/m);
    expect(gateway.network.world.get('+447700900002')).toMatchObject({ forwarding: ['unconditional'], roaming: { country: 'FR' }, operator: 'albion' });

    const after = await runCli(['check', 'call-forwarding-unconditional', '+447700900002', '--json'], env);
    expect(JSON.parse(after.stdout)).toEqual({ active: true });
  });

  it('world set then check in one run (then)', async () => {
    const run = await runCli(['world', 'set', '+447700900002', '--sim-changed', '10 minutes ago', 'then', 'check', 'sim-swap', '+447700900002', '--max-age', '1'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("$ numtrust world set +447700900002 --sim-changed '10 minutes ago'");
    expect(run.stdout).toMatch(/^swapped\s+true$/m);
  });

  it('world set changes only the fields it names (a merge patch): the rest of the subscriber stays', async () => {
    const before = gateway.network.world.get('+447700900001')!;
    const call = { direction: 'incoming', peer: '+442079460123', startedAt: 'now' };
    const set = await runCli(['world', 'set', '+447700900001', JSON.stringify({ call }), '--roaming', 'fr'], env);
    expect(set.code).toBe(0);
    const during = gateway.network.world.get('+447700900001')!;
    expect(during).toEqual({ ...before, call: { ...call, startedAt: expect.any(String) }, roaming: { country: 'FR' } });
    expect((await runCli(['world', 'set', '+447700900001', '--call', 'none'], env)).code).toBe(0);
    expect(gateway.network.world.get('+447700900001')).toEqual({ ...during, call: null });
  });

  it('world set adds a number with --operator, and world list shows it', async () => {
    expect((await runCli(['world', 'set', '+447700900777', '--operator', 'brightwave', '--activated', '2 years ago'], env)).code).toBe(0);
    const list = await runCli(['world', 'list'], env);
    expect(list.stdout).toMatch(/^\+447700900777\s+brightwave\s+mobile\s+/m);
  });

  it('world set --line-type takes every world line type, and the assessment then reads it', async () => {
    const set = await runCli(['world', 'set', '+447700900002', '--line-type', 'non_fixed_voip'], env);
    expect(set.code).toBe(0);
    expect(gateway.network.world.get('+447700900002')?.lineType).toBe('non_fixed_voip');
    const assess = await runCli(['assess', '+447700900002', '--action', 'change_address', '--json'], env);
    expect(JSON.parse(assess.stdout).reasons).toContainEqual(expect.objectContaining({ code: 'LINE_NON_FIXED_VOIP', signal: 'line_type' }));
    gateway.network.world.reset();
  });

  it('faults add takes the x-mock-fault words and the mocks apply the rule', async () => {
    const add = await runCli(['faults', 'add', 'status=503; retry-after=2', '--carrier', 'brightwave', '--endpoint', 'token', '--times', '2'], env);
    expect(add.code).toBe(0);
    expect(gateway.network.faults.list()).toEqual([expect.objectContaining({ carrier: 'brightwave', endpoint: 'token', kind: 'status', status: 503, retryAfter: 2, times: 2 })]);
    const clear = await runCli(['faults', 'clear'], env);
    expect(clear.code).toBe(0);
    expect(gateway.network.faults.list()).toEqual([]);
  });
});

describe('exit codes', () => {
  it('1 when the gateway answers an error: its code and message on stderr, the body with --json', async () => {
    const run = await runCli(['check', 'sim-swap', '+447700900999', '--json'], env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^numtrust: the gateway answered 404 IDENTIFIER_NOT_FOUND: .+$/);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 404, code: 'IDENTIFIER_NOT_FOUND' });
  });

  it('1 for a refused key, which is never printed', async () => {
    const key = 'nt_wrong_key_0123456789abcdef';
    const run = await runCli(['status', 'then', 'assess', '+447700900002', '--key', key], { ...env, NUMTRUST_API_KEY: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('401 UNAUTHENTICATED');
    expect(run.stdout).toContain('API key        nt_wron…cdef');
    expect(run.stdout + run.stderr).not.toContain(key);
  });

  it('3 with one line when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['check', 'sim-swap', '+447700900001'], { ...env, NUMTRUST_URL: url });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`numtrust: cannot reach the gateway at ${url}: connection refused (is it running?)\n`);
  });

  it.each([
    [['assess'], 'assess: missing <number>'],
    [['assess', '447700900001'], 'is not an E.164 number'],
    [['assess', '+447700900001', '--action', 'payment', '--risk', 'low'], 'give --action or --risk, not both'],
    [['check', 'sim-swap-date', '+447700900001', '--max-age', '24'], 'sim-swap-date takes no --max-age'],
    [['check', 'teleport', '+447700900001'], 'unknown signal "teleport"'],
    [['check', 'sim-swap', '+447700900001', '--colour'], 'unknown option --colour'],
    [['world'], 'world needs one of: list, get, set, delete, reset'],
    // `voip` is a vendor's reading (fixed or not unsaid), not a line the world can hold.
    [['world', 'set', '+447700900002', '--line-type', 'voip'], 'line-type'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['faults', 'add', 'explode'], 'unknown kind "explode"'],
    [['assess', '+447700900001', 'then'], '"then" goes between two commands'],
    [['call'], 'call: missing <number>'],
    [['call', 'anonymous'], 'is not an E.164 number'],
    [['call', '+447700900001', '--action', 'Change-Address'], '--action takes a snake_case action name'],
    [['call', '+447700900001', '--public-url', 'https://x.example/path'], '--public-url takes an origin'],
  ])('2 for a usage error: %j', async (args, message) => {
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('2 for a mistake in a later step, before the first one changes anything', async () => {
    const run = await runCli(['world', 'set', '+447700900002', '--forwarding', 'unconditional', 'then', 'check', 'sim-swap'], env);
    expect(run.code).toBe(2);
    expect(gateway.network.world.get('+447700900002')?.forwarding).toEqual([]);
  });

  it('2 for a command, group member, help topic or signal named like an Object.prototype member', async () => {
    const runs = await Promise.all([
      runCli(['constructor'], env),
      runCli(['world', '__proto__'], env),
      runCli(['help', 'toString'], env),
      runCli(['check', 'hasOwnProperty', '+447700900001'], env),
      runCli(['faults', 'valueOf'], env),
    ]);
    for (const run of runs) {
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(/unknown command|has no|no help for|unknown signal/);
    }
  });

  it('2 without an API key for a gateway command', async () => {
    const run = await runCli(['assess', '+447700900001'], { NUMTRUST_URL: gateway.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no API key');
  });
});

describe('--embedded', () => {
  it('call: the embedded gateway signs with its own Twilio token', async () => {
    const run = await runCli(['--embedded', 'call', '+447700900001']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<Say>numtrust recommends deny for this call.</Say><Hangup/>');
    expect(run.stdout).toMatch(/^agent screen\s+http:\/\/127\.0\.0\.1:\d+\/agent\/calls\//m);
  });

  it.each([
    ['check', ['check', 'sim-swap', '+447700900001', '--max-age', '24'], /^swapped\s+true$/m],
    ['assess', ['assess', '+447700900001', '--action', 'payment', '--not-inbound'], /^recommendation\s+\w+$/m],
  ])('%s exits once it has printed, ending what a hang fault still holds', async (_name, command, answer) => {
    // albion hangs, so its OpenID discovery (begun by the second step, after the first step's
    // output) is held until openid-client's own timeout ends it: 10 s. Twilio answers meanwhile.
    const HUNG_DISCOVERY_TIMEOUT_MS = 10_000;
    const run = await runCli(['--embedded', 'faults', 'add', 'hang', '--carrier', 'albion', 'then', ...command]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(answer);
    // Exiting after that timeout would mean the CLI waited for the hung request instead of ending it.
    expect(run.closedAt - run.firstOutputAt!).toBeLessThan(HUNG_DISCOVERY_TIMEOUT_MS);
  });

  it('demo: a genuine caller is allowed, then denied after a SIM swap, on mocks and a gateway it starts and stops', async () => {
    const run = await runCli(['demo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const verdicts = [...run.stdout.matchAll(/^recommendation\s+(\w+)$/gm)].map((match) => match[1]);
    expect(verdicts).toEqual(['allow', 'deny']);
    expect(run.stdout).toMatch(/^swapped\s+true$/m);
  });
});
