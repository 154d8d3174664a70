import type { Command } from '../command.ts';
import { assessCommand } from './assess.ts';
import { callCommand } from './call.ts';
import { checkCommand } from './check.ts';
import { demoCommand } from './demo.ts';
import { FAULTS_COMMANDS } from './faults.ts';
import { statusCommand } from './status.ts';
import { WORLD_COMMANDS } from './world.ts';

/** Every command, in the order `numtrust help` lists them. */
export const COMMANDS: readonly Command[] = [assessCommand, callCommand, checkCommand, ...WORLD_COMMANDS, ...FAULTS_COMMANDS, statusCommand, demoCommand];

/** Groups of two-word commands: `world`, `faults`. */
export const GROUPS: readonly string[] = [...new Set(COMMANDS.filter((command) => command.name.includes(' ')).map((command) => command.name.split(' ')[0]!))];
