/** `galen` subcommands of the nlp area. */
import type { Command } from '../command';

export const nlpCommands: Command[] = [];
