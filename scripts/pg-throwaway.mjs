// Start a throwaway PostgreSQL cluster on a free loopback port (for tests and benchmarks).
// Uses Debian's binaries (/usr/lib/postgresql/<v>/bin). As root, runs the server as `postgres`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function pgBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = srv.address().port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function run(cmd, args, asPostgres) {
  const full = asPostgres ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** @returns {Promise<{url: string, stop: () => Promise<void>} | undefined>} */
export async function startThrowawayPostgres() {
  const bin = pgBin();
  if (!bin) return undefined;
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'galen-pg-'));
  if (asPostgres) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'galen\n');
  if (asPostgres) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    chownSync(pwfile, Number(id.stdout.trim()), 0);
  }
  run(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'galen', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-sync'],
    asPostgres,
  );
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start'], asPostgres);
  return {
    url: `postgres://galen:galen@127.0.0.1:${port}/postgres`,
    dir,
    bin,
    asPostgres,
    async stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPostgres);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// CLI: `node scripts/pg-throwaway.mjs start STATEFILE` prints the URL and leaves the server running;
// `node scripts/pg-throwaway.mjs stop STATEFILE` stops it and removes its folder.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, stateFile] = process.argv.slice(2);
  const { readFileSync } = await import('node:fs');
  if (cmd === 'start') {
    const pg = await startThrowawayPostgres();
    if (!pg) {
      console.error('PostgreSQL binaries not found');
      process.exit(1);
    }
    writeFileSync(stateFile, JSON.stringify({ url: pg.url, dir: pg.dir, bin: pg.bin, asPostgres: pg.asPostgres }));
    console.log(pg.url);
  } else if (cmd === 'stop') {
    const st = JSON.parse(readFileSync(stateFile, 'utf8'));
    try {
      run(join(st.bin, 'pg_ctl'), ['-D', join(st.dir, 'data'), '-m', 'immediate', '-w', 'stop'], st.asPostgres);
    } finally {
      rmSync(st.dir, { recursive: true, force: true });
      rmSync(stateFile, { force: true });
    }
  } else {
    console.error('usage: pg-throwaway.mjs start|stop STATEFILE');
    process.exit(2);
  }
}
