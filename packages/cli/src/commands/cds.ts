/** `galen` subcommands of the cds area: `galen eval sepsis`, `galen cds score`. */
import { existsSync } from 'node:fs';
import { loadBundledSepsisModel } from '@galen/cds/model/bundled';
import { loadSepsisModel } from '@galen/cds/model/sepsis-model';
import { readFileSync } from 'node:fs';
import type { SplitName } from '@galen/eval/sepsis-data';
import { UsageError, type Command } from '../command';

const evalSepsis: Command = {
  name: 'eval sepsis',
  summary:
    'Evaluate the sepsis model and qSOFA/SIRS/NEWS2 on PhysioNet 2019 .psv data (AUROC, AUPRC, utility, alert burden, lead time)',
  usage: 'galen eval sepsis [--data DIR|FILE.tar.gz] [--split train|validation|test|all] [--model FILE.json] [--json]',
  options: {
    data: { type: 'string' },
    split: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    // Evaluation code is loaded only by the eval commands (`scripts/layers.mjs`).
    const { loadSepsisRecords, splitOf, SHARED_SEPSIS_DIR } = await import('@galen/eval/sepsis-data');
    const { evaluateSepsis, formatSepsisReport } = await import('@galen/eval/sepsis');
    const data = (args.values.data as string | undefined) ?? `${SHARED_SEPSIS_DIR}training_setB_dev.tar.gz`;
    if (!existsSync(data)) throw new UsageError(`--data ${data} does not exist`);
    const split = (args.values.split as string | undefined) ?? 'all';
    if (!['train', 'validation', 'test', 'all'].includes(split))
      throw new UsageError(`--split must be train, validation, test or all`);
    const model = args.values.model
      ? loadSepsisModel(JSON.parse(readFileSync(args.values.model as string, 'utf8')))
      : loadBundledSepsisModel();
    let records = loadSepsisRecords(data);
    if (split !== 'all') records = records.filter((r) => splitOf(r.id) === (split as SplitName));
    if (!records.length) throw new UsageError('no .psv records found');
    const report = evaluateSepsis(records, { model, clock: () => performance.now() });
    if (args.values.json) io.stdout.write(`${JSON.stringify({ data, split, model: model.version, ...report })}\n`);
    else io.stdout.write(`data ${data}, split ${split}, model ${model.version}\n${formatSepsisReport(report)}\n`);
    return 0;
  },
};

export const cdsCommands: Command[] = [evalSepsis];
