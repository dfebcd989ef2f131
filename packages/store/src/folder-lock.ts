/**
 * One process per PGlite folder: PGlite has no cross-process locking, and two processes writing
 * the same folder corrupt it. `lockFolder` writes `<dir>/galen.lock` with this process id; a lock
 * left by a process that no longer runs is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { unavailable } from '@galen/fhir';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the folder's lock; returns the function that releases it. Throws 503 when it is held. */
export function lockFolder(dir: string): () => void {
  const file = join(dir, 'galen.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || alive(pid))) {
        throw unavailable(
          `The data folder ${dir} is in use by process ${pid} (stop it, or use PostgreSQL for several processes)`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw unavailable(`Could not lock the data folder ${dir}`);
}
