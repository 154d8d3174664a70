import { z } from 'zod';
import { CAMARA_ROUTES } from '../../app.ts';
import { PROVIDER_HEADER } from '../../routes/camara/operation-route.ts';
import { integer, phoneNumber, positionals } from '../arguments.ts';
import type { ActionCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { ago, cell, pairs } from '../table.ts';

const NAME = 'check';

/** One CAMARA-compatible route of the gateway, as `numtrust check` names it. */
export interface CheckSignal {
  /** `sim-swap`, `sim-swap-date`, `call-forwarding-services`… */
  name: string;
  path: string;
  operation: string;
  /** Where the body carries the number: `phoneNumber`, or `device.phoneNumber` (device status APIs). */
  numberField: 'phoneNumber' | 'device';
  takesMaxAge: boolean;
}

/** `sim_swap.check` → `sim-swap`, `sim_swap.retrieve_date` → `sim-swap-date`, `call_forwarding.services` → `call-forwarding-services`. */
function signalName(operation: string): string {
  const [kind = operation, question = ''] = operation.split('.');
  const suffix = question === 'check' || question === 'retrieve' ? '' : question === 'retrieve_date' ? '-date' : `-${question}`;
  return `${kind}${suffix}`.replaceAll('_', '-');
}

/** Read from the app's own route table, so a route added there is a signal here. */
export const CHECK_SIGNALS: readonly CheckSignal[] = CAMARA_ROUTES.map((route) => {
  const fields = route.body instanceof z.ZodObject ? Object.keys(route.body.shape) : ['phoneNumber'];
  return {
    name: signalName(route.operation),
    path: route.path,
    operation: route.operation,
    numberField: fields.includes('device') ? 'device' : 'phoneNumber',
    takesMaxAge: fields.includes('maxAge'),
  };
});

function signalNamed(name: string): CheckSignal {
  const signal = CHECK_SIGNALS.find((candidate) => candidate.name === name || candidate.operation === name || candidate.path === name);
  if (!signal) throw new UsageError(`${NAME}: unknown signal "${name}"; one of ${CHECK_SIGNALS.map((known) => known.name).join(', ')}`, NAME);
  return signal;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

function rows(body: unknown): Array<[string, string]> {
  if (Array.isArray(body)) return [['services', cell(body)]];
  return Object.entries((body ?? {}) as Record<string, unknown>).map(([field, value]) => [
    field,
    typeof value === 'string' && ISO_TIME.test(value) ? `${value} (${ago(value)})` : cell(value),
  ]);
}

export const checkCommand: ActionCommand = {
  name: NAME,
  summary: "one network signal through the gateway's CAMARA-compatible routes",
  synopsis: '<signal> <number> [options]',
  details: [
    'Asks one CAMARA route of the gateway and prints its answer and the provider that gave it.',
    'Signals (from the gateway route table):',
    ...CHECK_SIGNALS.map((signal) => `  ${signal.name.padEnd(32)}POST ${signal.path}${signal.takesMaxAge ? '  (--max-age)' : ''}`),
    'The on-hook (call state) check has no CAMARA route: see it with `numtrust assess <number> --inbound`.',
  ],
  options: {
    'max-age': { type: 'string', value: 'HOURS', help: 'look-back of sim-swap and device-swap, 1-2400 hours (the route default is 240)' },
    provider: { type: 'string', value: 'ID', help: `ask only this provider of the number's chain (header ${PROVIDER_HEADER})` },
  },
  examples: [
    'numtrust check sim-swap +447700900001 --max-age 24',
    'numtrust check sim-swap-date +447700900501',
    'numtrust check call-forwarding-services +447700900002 --provider vonage --json',
  ],
  prepare({ args, options }) {
    const [name, number] = positionals(args, ['signal', 'number'], NAME);
    const signal = signalNamed(name!);
    phoneNumber(number!, NAME);
    const maxAge = integer(options['max-age'] as string | undefined, 'max-age', NAME);
    if (maxAge !== undefined && !signal.takesMaxAge) throw new UsageError(`${NAME}: ${signal.name} takes no --max-age`, NAME);
    const body = {
      ...(signal.numberField === 'device' ? { device: { phoneNumber: number } } : { phoneNumber: number }),
      ...(maxAge !== undefined ? { maxAge } : {}),
    };
    const provider = options.provider as string | undefined;
    return async (services) => {
      const answer = await services.gateway().call('POST', signal.path, body, provider ? { [PROVIDER_HEADER]: provider } : {});
      const heading = `${signal.name}  ${number}  POST ${signal.path}  provider ${answer.headers.get(PROVIDER_HEADER) ?? '-'}`;
      return { json: answer.body, text: `${heading}\n\n${pairs(rows(answer.body))}` };
    };
  },
};
