import type { ScriptCommand } from '../command.ts';

const CUSTOMER = '+447700900005';

/** A genuine caller, then the same number after a SIM swap: the verdict turns. */
export const demoCommand: ScriptCommand = {
  name: 'demo',
  summary: 'a short story on the embedded network: a genuine caller, a SIM swap, the verdict turns',
  synopsis: '',
  details: [
    'Starts the mock carriers and a gateway in this process (like --embedded) and runs these',
    'commands in turn, printing each before its answer. The same steps work on any target with',
    '`then` between them (a running gateway may answer from its cache until the TTL passes).',
  ],
  script: [
    ['world', 'get', CUSTOMER],
    // The longest deadline: albion's first answers wait for its CIBA token (a 1 s poll interval).
    ['assess', CUSTOMER, '--action', 'change_address', '--inbound', '--deadline', '10000'],
    ['world', 'set', CUSTOMER, '--sim-changed', '2 hours ago'],
    ['check', 'sim-swap', CUSTOMER, '--max-age', '24'],
    ['assess', CUSTOMER, '--action', 'change_address', '--inbound', '--deadline', '10000'],
  ],
};
