import type { Command } from '../command';
import { coreCommands } from './core';
import { terminologyCommands } from './terminology';
import { nlpCommands } from './nlp';
import { deidCommands } from './deid';
import { cdsCommands } from './cds';
import { synthCommands } from './synth';
import { scribeCommands } from './scribe';

/** Every `galen` subcommand; each area's file owns its list. */
export const allCommands: Command[] = [
  ...coreCommands,
  ...terminologyCommands,
  ...nlpCommands,
  ...deidCommands,
  ...cdsCommands,
  ...synthCommands,
  ...scribeCommands,
];
