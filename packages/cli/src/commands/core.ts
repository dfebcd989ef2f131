/** `galen` subcommands of the core area. */
import type { Command } from '../command';

export const coreCommands: Command[] = [];
