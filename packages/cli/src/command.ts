/**
 * The shape of a `galen` subcommand. Each lives in `src/commands/<words>.ts` and is listed in
 * `src/commands/index.ts`. Options are parsed with node's `util.parseArgs` (strict: unknown options
 * are an error with exit code 2).
 */
import type { ParseArgsConfig } from 'node:util';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Environment (for configuration). */
  env: Record<string, string | undefined>;
  /** Is stderr a terminal (show progress bars)? */
  isTTY: boolean;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** Words after `galen`, e.g. `eval negex`. */
  name: string;
  summary: string;
  /** Usage line(s) shown by `galen help <name>` and on argument errors. */
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Return the exit code: 0 ok, 1 failure, 2 bad usage or bad input. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Thrown for a bad invocation: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
