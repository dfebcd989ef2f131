/** `galen` subcommands of the synth area. */
import type { Command } from '../command';

export const synthCommands: Command[] = [];
