/** `galen` subcommands of the deid area. */
import type { Command } from '../command';

export const deidCommands: Command[] = [];
