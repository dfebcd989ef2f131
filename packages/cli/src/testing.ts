/** Test support: run `galen` in-process with captured output. */
import { Writable } from 'node:stream';
import type { CliIO } from './command';
import { main } from './main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += chunk.toString();
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const stdout = sink();
  const stderr = sink();
  const io: CliIO = { stdout, stderr, env: { GALEN_LOG_LEVEL: 'silent', ...env }, isTTY: false };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
