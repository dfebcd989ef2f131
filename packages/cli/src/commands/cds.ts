/** `galen` subcommands of the cds area. */
import type { Command } from '../command';

export const cdsCommands: Command[] = [];
