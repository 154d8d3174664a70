import { FORWARDING_SERVICES, LINE_TYPES } from '../../contract/signals.ts';
import { choice, jsonObject, list, phoneNumber, positionals } from '../arguments.ts';
import type { ActionCommand, CommandOutput, OptionValues, Services } from '../command.ts';
import { AnsweredError, UsageError } from '../errors.ts';
import { ago, cell, pairs, table } from '../table.ts';

/** A subscriber as the mocks' admin API answers it (mocks/world/subscriber.ts). */
interface SubscriberState {
  phoneNumber: string;
  operator: string;
  lineType: string;
  activatedAt: string | null;
  simChangedAt: string | null;
  deviceChangedAt: string | null;
  forwarding: string[];
  call: { direction: string; peer: string; startedAt: string } | null;
  roaming: { country: string } | null;
  reachable: string[];
  dataSession: { ipv4: string } | null;
}

/**
 * The world's line types (mocks/world/subscriber.ts, which the CLI may not import): numtrust's
 * own, less the classes only a vendor's reading yields, plus `unknown`.
 */
const WORLD_LINE_TYPES = [...LINE_TYPES.filter((type) => type !== 'voip' && type !== 'other'), 'unknown'];

const subscriberPath = (number: string) => `/_world/subscribers/${encodeURIComponent(number)}`;

function callText(call: SubscriberState['call']): string {
  return call ? `${call.direction} ${ago(call.startedAt)}` : '-';
}

function timeText(iso: string | null): string {
  return iso ? `${iso} (${ago(iso)})` : '-';
}

function renderSubscriber(subscriber: SubscriberState): string {
  return pairs([
    ['number', subscriber.phoneNumber],
    ['operator', subscriber.operator],
    ['line type', subscriber.lineType],
    ['activated', timeText(subscriber.activatedAt)],
    ['SIM changed', timeText(subscriber.simChangedAt)],
    ['device changed', timeText(subscriber.deviceChangedAt)],
    ['forwarding', cell(subscriber.forwarding)],
    ['call', subscriber.call ? `${callText(subscriber.call)} with ${subscriber.call.peer}` : '-'],
    ['roaming', subscriber.roaming?.country ?? '-'],
    ['reachable', cell(subscriber.reachable)],
    ['data session', subscriber.dataSession?.ipv4 ?? '-'],
  ]);
}

function subscriberOutput(subscriber: SubscriberState): CommandOutput {
  return { json: subscriber, text: renderSubscriber(subscriber) };
}

function subscribersTable(subscribers: readonly SubscriberState[]): string {
  return table(
    ['NUMBER', 'OPERATOR', 'LINE', 'SIM CHANGED', 'DEVICE CHANGED', 'FORWARDING', 'CALL', 'ROAMING', 'REACHABLE'],
    subscribers.map((subscriber) => [
      subscriber.phoneNumber,
      subscriber.operator,
      subscriber.lineType,
      ago(subscriber.simChangedAt),
      ago(subscriber.deviceChangedAt),
      cell(subscriber.forwarding),
      callText(subscriber.call),
      subscriber.roaming?.country ?? '-',
      cell(subscriber.reachable),
    ]),
  );
}

export const worldListCommand: ActionCommand = {
  name: 'world list',
  summary: 'every subscriber of the simulated world',
  synopsis: '',
  prepare({ args }) {
    positionals(args, [], 'world list');
    return async (services) => {
      const subscribers = (await services.mocks().call('GET', '/_world/subscribers')).body as SubscriberState[];
      return { json: subscribers, text: subscribersTable(subscribers) };
    };
  },
};

export const worldGetCommand: ActionCommand = {
  name: 'world get',
  summary: "one subscriber's state",
  synopsis: '<number>',
  prepare({ args }) {
    const [number] = positionals(args, ['number'], 'world get');
    phoneNumber(number!, 'world get');
    return async (services) => subscriberOutput((await services.mocks().call('GET', subscriberPath(number!))).body as SubscriberState);
  },
};

/** Where a new subscriber starts from when `world set` adds a number (with --operator); the other fields default to nothing going on. */
const NEW_SUBSCRIBER = { reachable: ['DATA', 'SMS'] };

/** The peer of a call set with --call DIRECTION (any number: no check reads it). */
const DEFAULT_CALL_PEER = '+447700900999';

const SET = 'world set';

/** A time flag: "none" clears it; anything else goes to the mocks as is (ISO, "now", "3 hours ago"). */
const time = (value: string | undefined) => (value === undefined ? undefined : value === 'none' ? null : value);

function callOf(value: string | undefined) {
  if (value === undefined || value === 'none') return value === undefined ? undefined : null;
  const [direction, peer = DEFAULT_CALL_PEER] = value.split(':');
  choice(direction, ['outgoing', 'incoming'], 'call', SET);
  return { direction, peer: phoneNumber(peer, SET), startedAt: 'now' };
}

/** The fields the flags set; undefined = left as it is. */
function changesOf(options: OptionValues): Record<string, unknown> {
  const text = (name: string) => options[name] as string | undefined;
  const roaming = text('roaming');
  const dataIp = text('data-ip');
  const reachable = text('reachable');
  const changes: Record<string, unknown> = {
    operator: text('operator'),
    lineType: choice(text('line-type'), WORLD_LINE_TYPES, 'line-type', SET),
    activatedAt: time(text('activated')),
    simChangedAt: time(text('sim-changed')),
    deviceChangedAt: time(text('device-changed')),
    forwarding: list(text('forwarding'), FORWARDING_SERVICES, 'forwarding', SET),
    call: callOf(text('call')),
    roaming: roaming === undefined ? undefined : roaming === 'none' ? null : { country: roaming.toUpperCase() },
    reachable: list(reachable === 'none' ? reachable : reachable?.toUpperCase(), ['DATA', 'SMS'], 'reachable', SET),
    dataSession: dataIp === undefined ? undefined : dataIp === 'none' ? null : { ipv4: dataIp },
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

/** PATCHes the changes onto the subscriber; undefined when the number is not in the world. */
async function patchSubscriber(services: Services, number: string, changes: Record<string, unknown>): Promise<SubscriberState | undefined> {
  try {
    return (await services.mocks().call('PATCH', subscriberPath(number), changes, MERGE_PATCH)).body as SubscriberState;
  } catch (error) {
    if (error instanceof AnsweredError && error.status === 404) return undefined;
    throw error;
  }
}

export const worldSetCommand: ActionCommand = {
  name: SET,
  summary: "change a subscriber (or add one): every mock carrier answers from the new state",
  synopsis: '<number> [<json>] [options]',
  details: [
    'Sends the JSON object (any subscriber fields, see mocks/README.md) and then the options as one',
    'JSON merge patch: only those fields change. A number not in the world needs --operator.',
    'Times are ISO date-times, "now" or relative ("10 minutes ago", "3 days ago"); "none" clears',
    'a field. A running gateway may answer from its cache until the TTL passes (5 s for `npm start`);',
    '--embedded does not cache.',
  ],
  options: {
    operator: { type: 'string', value: 'ID', help: 'world operator: albion, brightwave (GB), liberty (US)' },
    'sim-changed': { type: 'string', value: 'TIME', help: 'last SIM change ("2 hours ago", ISO, none)' },
    'device-changed': { type: 'string', value: 'TIME', help: 'last device change' },
    activated: { type: 'string', value: 'TIME', help: 'first activation of the number' },
    forwarding: { type: 'string', value: 'LIST', help: `active forwarding, comma-separated: ${FORWARDING_SERVICES.join(', ')}, or none` },
    call: { type: 'string', value: 'DIR[:PEER]', help: 'a call in progress: outgoing or incoming (optionally :+PEER), or none' },
    roaming: { type: 'string', value: 'CC', help: 'visited country (ISO 3166 alpha-2, FR) or none' },
    reachable: { type: 'string', value: 'LIST', help: 'DATA,SMS, DATA, SMS or none' },
    'data-ip': { type: 'string', value: 'IPV4', help: 'mobile data session address (Number Verification) or none' },
    'line-type': { type: 'string', value: 'TYPE', help: `one of ${WORLD_LINE_TYPES.join(', ')}` },
  },
  examples: [
    'numtrust world set +447700900002 --sim-changed "10 minutes ago"',
    'numtrust world set +447700900002 --forwarding unconditional --call incoming',
    `numtrust world set +447700900777 --operator albion --activated "2 years ago"`,
    `numtrust world set +447700900002 '{"roaming":{"country":"FR"}}'`,
  ],
  prepare({ args, options }) {
    if (args.length === 0) positionals(args, ['number'], SET);
    if (args.length > 2) positionals(args, ['number', 'json'], SET);
    const [number, json] = args;
    phoneNumber(number!, SET);
    const fromJson = json === undefined ? {} : jsonObject(json, 'the subscriber JSON', SET);
    const changes = { ...fromJson, ...changesOf(options) };
    if (Object.keys(changes).length === 0) throw new UsageError(`${SET}: nothing to change; give a JSON object or options`, SET);
    return async (services) => {
      const patched = await patchSubscriber(services, number!, changes);
      if (patched) return subscriberOutput(patched);
      if (changes.operator === undefined) throw new UsageError(`${SET}: ${number} is not in the world; give --operator to add it`, SET);
      const state = { ...NEW_SUBSCRIBER, ...changes };
      return subscriberOutput((await services.mocks().call('PUT', subscriberPath(number!), state)).body as SubscriberState);
    };
  },
};

export const worldDeleteCommand: ActionCommand = {
  name: 'world delete',
  summary: 'remove a subscriber (every carrier then answers it as unknown)',
  synopsis: '<number>',
  prepare({ args }) {
    const [number] = positionals(args, ['number'], 'world delete');
    phoneNumber(number!, 'world delete');
    return async (services) => {
      await services.mocks().call('DELETE', subscriberPath(number!));
      return { json: { phoneNumber: number, deleted: true }, text: `${number} removed from the world` };
    };
  },
};

export const worldResetCommand: ActionCommand = {
  name: 'world reset',
  summary: 'back to the scenario (relative times counted from now); faults stay',
  synopsis: '',
  prepare({ args }) {
    positionals(args, [], 'world reset');
    return async (services) => {
      const answer = (await services.mocks().call('POST', '/_world/reset')).body as { scenario: string; subscribers: number };
      return { json: answer, text: `world reset to scenario "${answer.scenario}" (${answer.subscribers} subscribers)` };
    };
  },
};

export const WORLD_COMMANDS = [worldListCommand, worldGetCommand, worldSetCommand, worldDeleteCommand, worldResetCommand];
