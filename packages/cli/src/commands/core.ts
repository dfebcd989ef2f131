/**
 * Core `galen` subcommands: serve, import, export, apikey, audit, ops, op.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { OperationOutcomeError, outcomeToString } from '@galen/fhir';
import { ROLES, type Role } from '@galen/store';
import { createRegistry, invokeOperation } from '@galen/operations';
import { UsageError, type Command } from '../command';
import { cliActor, cliConfig, operationContext, withStore } from '../context';
import { isProbablyText, jsonToTransactions, parseNdjson, resourcesToTransaction } from '../import-files';
import { progressBar } from '../progress';

const dataDirOption = { 'data-dir': { type: 'string' as const } };

const serve: Command = {
  name: 'serve',
  summary: 'Start the Galen server (FHIR REST, operations API, CDS Hooks, web app)',
  usage: 'galen serve [--port N] [--host H] [--data-dir DIR] [--no-demo]',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' }, ...dataDirOption },
  async run(args, io) {
    const { createApp, loadDemoIfEmpty, tuneHeapForServing } = await import('@galen/server');
    // Rarer major collections on the HTTP thread (see packages/server/src/heap.ts), unless the operator set their own.
    tuneHeapForServing();
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    if (args.values.port !== undefined) {
      const port = Number(args.values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0-65535');
      config.port = port;
    }
    if (args.values.host) config.host = String(args.values.host);
    if (args.values['no-demo']) config.demo = false;
    const app = await createApp(config);
    if (config.demo) await loadDemoIfEmpty(app, (msg) => io.stderr.write(`${msg}\n`));
    const url = await app.listen();
    io.stdout.write(`Galen is running at ${url}/\n`);
    io.stdout.write(`  FHIR R4:   ${url}/fhir/R4/metadata\n  Data:      ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.stderr.write('Shutting down...\n');
        app.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

async function listFiles(path: string): Promise<string[]> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new UsageError(`No such file or folder: ${path}`);
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else if (['.json', '.ndjson'].includes(extname(entry.name).toLowerCase())) out.push(p);
  }
  return out;
}

const NDJSON_CHUNK = 500;

const importCmd: Command = {
  name: 'import',
  summary:
    'Import FHIR bundles (.json) and NDJSON (.ndjson) from a file or folder; each bundle is all-or-nothing; safe to re-run',
  usage: 'galen import <file|dir>... [--data-dir DIR]',
  options: { ...dataDirOption },
  async run(args, io) {
    if (!args.positionals.length) throw new UsageError('name at least one file or folder');
    const files = (await Promise.all(args.positionals.map(listFiles))).flat();
    if (!files.length) throw new UsageError('no .json or .ndjson files found');
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      const actor = cliActor(io);
      const repo = store.forActor(actor);
      const bar = progressBar('import', io.stderr as never, files.length);
      const counts = new Map<string, number>();
      const errors: string[] = [];
      let bundles = 0;
      for (const [i, file] of files.entries()) {
        try {
          const buf = await readFile(file);
          if (!isProbablyText(buf)) throw new Error('binary or invalid UTF-8 content');
          const text = buf.toString('utf8');
          let transactions;
          if (extname(file).toLowerCase() === '.ndjson') {
            const resources = parseNdjson(text);
            transactions = [];
            for (let k = 0; k < resources.length; k += NDJSON_CHUNK)
              transactions.push(resourcesToTransaction(resources.slice(k, k + NDJSON_CHUNK)));
          } else {
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch {
              throw new Error('not valid JSON');
            }
            transactions = jsonToTransactions(value);
          }
          for (const tx of transactions) {
            // preserveIds: resources keep their ids and ones already stored are skipped, so a re-run changes nothing.
            await repo.transaction(tx, { preserveIds: true });
            bundles++;
            for (const e of tx.entry ?? []) {
              const rt = (e.resource as Resource | undefined)?.resourceType;
              if (rt) counts.set(rt, (counts.get(rt) ?? 0) + 1);
            }
          }
        } catch (err) {
          const msg = err instanceof OperationOutcomeError ? outcomeToString(err.outcome) : (err as Error).message;
          errors.push(`${file}: ${msg.slice(0, 500)}`);
        }
        bar.update(i + 1);
      }
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      bar.done();
      io.stdout.write(
        `Imported ${total} resources in ${bundles} bundles from ${files.length - errors.length}/${files.length} files.\n`,
      );
      for (const [rt, n] of [...counts].sort((a, b) => b[1] - a[1])) io.stdout.write(`  ${rt.padEnd(28)} ${n}\n`);
      if (errors.length) {
        io.stderr.write(`${errors.length} file(s) failed; nothing from them was stored:\n`);
        for (const e of errors) io.stderr.write(`  ${e}\n`);
        return 1;
      }
      return 0;
    });
  },
};

const exportCmd: Command = {
  name: 'export',
  summary: "Export a patient's record (Patient/$everything) as a JSON bundle or NDJSON",
  usage: 'galen export --patient ID [--format json|ndjson] [--out FILE] [--data-dir DIR]',
  options: { patient: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, ...dataDirOption },
  async run(args, io) {
    const patient = args.values.patient as string | undefined;
    if (!patient) throw new UsageError('--patient is required');
    const format = (args.values.format as string | undefined) ?? 'json';
    if (format !== 'json' && format !== 'ndjson') throw new UsageError('--format must be json or ndjson');
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      const bundle = await store.forActor(cliActor(io)).everything(patient);
      const text =
        format === 'json'
          ? JSON.stringify(bundle, null, 2) + '\n'
          : (bundle.entry ?? []).map((e) => JSON.stringify(e.resource)).join('\n') + '\n';
      if (args.values.out) {
        await writeFile(String(args.values.out), text);
        io.stderr.write(`Wrote ${bundle.entry?.length ?? 0} resources to ${String(args.values.out)}\n`);
      } else io.stdout.write(text);
      return 0;
    });
  },
};

const apikeyCreate: Command = {
  name: 'apikey create',
  summary: 'Create an API key (printed once) with a role, optionally limited to one patient',
  usage: `galen apikey create --name NAME --role ${ROLES.join('|')} [--patient ID] [--data-dir DIR]`,
  options: { name: { type: 'string' }, role: { type: 'string' }, patient: { type: 'string' }, ...dataDirOption },
  async run(args, io) {
    const role = args.values.role as string | undefined;
    if (!role || !ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const name = (args.values.name as string | undefined) ?? `${role}-key`;
    const patientId = args.values.patient as string | undefined;
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      const { key, info } = await store.keys.create({
        name,
        role: role as Role,
        patientId,
        scopes: patientId ? ['patient/*.read'] : undefined,
      });
      await store.audit.record({
        action: 'C',
        subtype: 'apikey-create',
        actor: cliActor(io),
        entity: `ApiKey/${info.id}`,
        outcome: '0',
      });
      io.stdout.write(`${key}\n`);
      io.stderr.write(
        `Created key ${info.id} (${info.role}${info.patientId ? `, patient ${info.patientId}` : ''}). Store it now: it is not shown again.\n`,
      );
      return 0;
    });
  },
};

const apikeyList: Command = {
  name: 'apikey list',
  summary: 'List API keys',
  usage: 'galen apikey list [--data-dir DIR]',
  options: { ...dataDirOption },
  async run(args, io) {
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      for (const k of await store.keys.list()) {
        io.stdout.write(
          `${k.id}\t${k.role}\t${k.name}\t${k.patientId ?? '-'}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\n`,
        );
      }
      return 0;
    });
  },
};

const apikeyRevoke: Command = {
  name: 'apikey revoke',
  summary: 'Revoke an API key',
  usage: 'galen apikey revoke ID [--data-dir DIR]',
  options: { ...dataDirOption },
  async run(args, io) {
    const id = args.positionals[0];
    if (!id) throw new UsageError('name the key id');
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      await store.keys.revoke(id);
      io.stdout.write(`Revoked ${id}\n`);
      return 0;
    });
  },
};

const auditVerify: Command = {
  name: 'audit verify',
  summary: "Verify the audit trail's hash chain; reports the first altered, inserted or deleted row",
  usage: 'galen audit verify [--data-dir DIR] [--json]',
  options: { json: { type: 'boolean' }, ...dataDirOption },
  async run(args, io) {
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      const result = await store.audit.verify();
      io.stdout.write(args.values.json ? JSON.stringify(result) + '\n' : `${result.message}\n`);
      return result.ok ? 0 : 1;
    });
  },
};

const opsList: Command = {
  name: 'ops list',
  summary: 'List the operations (the same registry the server exposes at POST /api/<name>)',
  usage: 'galen ops list [--json]',
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const ops = createRegistry().list();
    if (args.values.json) {
      io.stdout.write(
        JSON.stringify(ops.map((o) => ({ name: o.name, description: o.description, roles: o.roles, fhir: o.fhir }))) + '\n',
      );
      return 0;
    }
    const w = Math.max(...ops.map((o) => o.name.length));
    for (const o of ops) {
      const fhir = o.fhir
        ? `  [${o.fhir.resourceType ? `${o.fhir.resourceType}/${o.fhir.instance ? '{id}/' : ''}` : ''}$${o.fhir.code}]`
        : '';
      io.stdout.write(`${o.name.padEnd(w)}  ${o.description}${fhir}\n`);
    }
    return 0;
  },
};

const op: Command = {
  name: 'op',
  summary: 'Run an operation with a JSON input file (or - for standard input)',
  usage: 'galen op <name> --input FILE|- [--data-dir DIR]',
  options: { input: { type: 'string' }, ...dataDirOption },
  async run(args, io) {
    const name = args.positionals[0];
    if (!name) throw new UsageError('name the operation (see `galen ops list`)');
    const registry = createRegistry();
    const operation = registry.get(name);
    let input: unknown = {};
    const src = args.values.input as string | undefined;
    if (src) {
      const text =
        src === '-'
          ? await readStdin()
          : await readFile(src, 'utf8').catch(() => {
              throw new UsageError(`cannot read ${src}`);
            });
      try {
        input = JSON.parse(text);
      } catch {
        throw new UsageError('the input is not valid JSON');
      }
    }
    const config = cliConfig(io, args.values['data-dir'] as string | undefined);
    return withStore(config, async (store) => {
      const bar = progressBar(name, io.stderr as never);
      const result = await invokeOperation(
        operation,
        input,
        operationContext(store, config, io, (d, t) => bar.update(d, t)),
      );
      io.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    });
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const coreCommands: Command[] = [
  serve,
  importCmd,
  exportCmd,
  apikeyCreate,
  apikeyList,
  apikeyRevoke,
  auditVerify,
  opsList,
  op,
];
