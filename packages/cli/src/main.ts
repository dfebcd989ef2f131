/**
 * `galen`: dispatch argv to the longest matching subcommand.
 */
import { parseArgs } from 'node:util';
import { OperationOutcomeError, exitCodeOf, outcomeToString } from '@galen/fhir';
import { UsageError, type CliIO, type Command } from './command';
import { allCommands } from './commands/index';

export function findCommand(argv: string[], commands: Command[] = allCommands): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

function help(io: CliIO, commands: Command[]): void {
  const width = Math.max(...commands.map((c) => c.name.length));
  io.stdout.write('Usage: galen <command> [options]\n\nCommands:\n');
  for (const c of [...commands].sort((a, b) => a.name.localeCompare(b.name))) {
    io.stdout.write(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
  }
  io.stdout.write('\nRun `galen help <command>` for its options.\n');
}

export async function main(argv: string[], io: CliIO = defaultIO(), commands: Command[] = allCommands): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'help' && argv.length === 1)) {
    help(io, commands);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'help') {
    const found = findCommand(argv.slice(1), commands);
    if (!found) {
      io.stderr.write(`galen: unknown command "${argv.slice(1).join(' ')}"\n`);
      return 2;
    }
    io.stdout.write(`${found.command.summary}\n\nUsage: ${found.command.usage}\n`);
    return 0;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.stderr.write(`galen: unknown command "${argv.join(' ').slice(0, 80)}". Run \`galen help\`.\n`);
    return 2;
  }
  const { command, rest } = found;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    return await command.run(parsed as never, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`galen ${command.name}: ${err.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof OperationOutcomeError) {
      io.stderr.write(`galen ${command.name}: ${outcomeToString(err.outcome)}\n`);
      return exitCodeOf(err.outcome);
    }
    io.stderr.write(`galen ${command.name}: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

export function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, isTTY: !!process.stderr.isTTY };
}
