/** `galen` subcommands of the terminology area. */
import type { Command } from '../command';

export const terminologyCommands: Command[] = [];
