/** `galen` subcommands of the scribe area. */
import type { Command } from '../command';

export const scribeCommands: Command[] = [];
