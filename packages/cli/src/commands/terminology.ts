/** `galen` subcommands of the terminology area: import official releases, look up and search codes. */
import { existsSync } from 'node:fs';
import { loadConfig } from '@galen/operations/config';
import {
  ImportError,
  SYSTEM_NAMES,
  importIntoDataDir,
  loadIndex,
  resolveSystem,
  type ConceptKind,
  type ImportPaths,
  type SourceName,
} from '@galen/terminology';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command';

const str = (v: ParsedArgs['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined);

function dataDirOf(args: ParsedArgs, io: CliIO): string {
  return str(args.values['data-dir']) ?? loadConfig(io.env).dataDir;
}

const SOURCES: SourceName[] = ['icd10cm', 'doid', 'rxnorm', 'loinc', 'hpo'];

const importCommand: Command = {
  name: 'terminology import',
  summary: 'Build the terminology index in the data folder from official release files',
  usage:
    'galen terminology import [--icd10cm FILE] [--doid DIR|FILE] [--rxnorm DIR|FILE] [--loinc FILE] [--hpo FILE|DIR] [--data-dir DIR]\n' +
    '  ICD-10-CM order/codes file or TSV; Disease Ontology doid.obo or doid_terms.tsv folder; RxNorm folder with RXNCONSO.RRF\n' +
    '  (or the prescribable tables); LOINC Loinc.csv or a value-set CSV; HPO hp.obo or hpo_labels_en.tsv.\n' +
    '  Named sources replace what an earlier import stored; others are kept.',
  options: {
    icd10cm: { type: 'string' },
    doid: { type: 'string' },
    rxnorm: { type: 'string' },
    loinc: { type: 'string' },
    hpo: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run(args, io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const paths: ImportPaths = {};
    for (const s of SOURCES) {
      const p = str(args.values[s]);
      if (p === undefined) continue;
      if (!existsSync(p)) {
        io.stderr.write(`galen terminology import: --${s}: ${p}: no such file or folder\n`);
        return 2;
      }
      paths[s] = p;
    }
    if (!Object.keys(paths).length)
      throw new UsageError('name at least one source (--icd10cm, --doid, --rxnorm, --loinc, --hpo)');
    const dataDir = dataDirOf(args, io);
    const started = Date.now();
    try {
      const summary = await importIntoDataDir(paths, {
        dataDir,
        now: new Date(),
        onProgress: (e) => {
          if (e.phase === 'start') io.stderr.write(`Reading ${e.source} from ${paths[e.source]} ...\n`);
          else io.stderr.write(`  ${e.source}: ${e.concepts!.toLocaleString('en-US')} concepts\n`);
        },
      });
      io.stdout.write(
        `Wrote ${summary.path} (${summary.total.toLocaleString('en-US')} concepts) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      for (const [name, info] of Object.entries(summary.sources)) {
        io.stdout.write(`  ${name.padEnd(8)} ${String(info.concepts).padStart(8)}  ${info.from}  (${info.importedAt})\n`);
      }
      return 0;
    } catch (err) {
      if (err instanceof ImportError) {
        io.stderr.write(`galen terminology import: ${err.message}\nThe index was not changed.\n`);
        return 2;
      }
      throw err;
    }
  },
};

const lookupCommand: Command = {
  name: 'terminology lookup',
  summary: 'Show a code: display, synonyms, classes and mappings',
  usage:
    'galen terminology lookup --system SYSTEM --code CODE [--json] [--data-dir DIR]\n  SYSTEM: a URI or icd10cm, snomed, rxnorm, loinc, hpo, doid, galen',
  options: { system: { type: 'string' }, code: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
  async run(args, io) {
    const system = str(args.values.system);
    const code = str(args.values.code) ?? args.positionals[0];
    if (!system || !code) throw new UsageError('give --system and --code');
    const index = await loadIndex(dataDirOf(args, io));
    const uri = resolveSystem(system);
    const c = index.get(uri, code);
    if (!c) {
      io.stderr.write(`galen terminology lookup: code "${code}" not found in ${SYSTEM_NAMES[uri] ?? uri}\n`);
      return 1;
    }
    if (args.values.json) {
      io.stdout.write(JSON.stringify(c, null, 2) + '\n');
      return 0;
    }
    io.stdout.write(
      `${SYSTEM_NAMES[c.system] ?? c.system} ${c.code}: ${c.display}\n  kind: ${c.kind}   source: ${c.source}${c.notSelectable ? '   (category header, not billable)' : ''}\n`,
    );
    if (c.synonyms.length) io.stdout.write(`  synonyms: ${c.synonyms.join('; ')}\n`);
    if (c.classes?.length) io.stdout.write(`  classes: ${c.classes.join(', ')}\n`);
    if (c.unit) io.stdout.write(`  unit: ${c.unit}\n`);
    if (c.termType) io.stdout.write(`  RxNorm term type: ${c.termType}\n`);
    if (c.ingredients?.length)
      io.stdout.write(`  ingredients: ${c.ingredients.map((id) => index.byId(id)?.display ?? id).join(', ')}\n`);
    for (const m of c.mappings ?? []) io.stdout.write(`  = ${SYSTEM_NAMES[m.system] ?? m.system} ${m.code}\n`);
    return 0;
  },
};

const searchCommand: Command = {
  name: 'terminology search',
  summary: 'Search concepts by text (names, synonyms, abbreviations, codes)',
  usage: 'galen terminology search TEXT [--kind KIND] [--system SYSTEM] [--limit N] [--json] [--data-dir DIR]',
  options: {
    kind: { type: 'string' },
    system: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  async run(args, io) {
    const text = args.positionals.join(' ').trim();
    if (!text) throw new UsageError('give the text to search for');
    const limit = Number(str(args.values.limit) ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer from 1 to 1000');
    const system = str(args.values.system);
    const index = await loadIndex(dataDirOf(args, io));
    const results = index.searchScored(text, {
      kind: str(args.values.kind) as ConceptKind | undefined,
      system: system ? resolveSystem(system) : undefined,
      limit,
    });
    if (args.values.json) {
      io.stdout.write(JSON.stringify(results.map((r) => ({ ...r.concept, score: r.score }))) + '\n');
      return 0;
    }
    if (!results.length) io.stderr.write('No matches.\n');
    for (const { concept: c } of results) {
      io.stdout.write(`${(SYSTEM_NAMES[c.system] ?? c.system).padEnd(10)} ${c.code.padEnd(12)} ${c.display}  [${c.kind}]\n`);
    }
    return 0;
  },
};

export const terminologyCommands: Command[] = [importCommand, lookupCommand, searchCommand];
