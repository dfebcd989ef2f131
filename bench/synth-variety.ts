/**
 * Wording variety of generated notes: distinct word n-grams per 1,000 notes, by note type, and the
 * share of notes whose text is unique. Run: npx tsx bench/synth-variety.ts [patients]
 */
import { generatePatients } from '@galen/synth';
import type { DocumentReference } from '@galen/fhir';

const patients = Number(process.argv[2] ?? 600);
const texts = new Map<string, string[]>();
for (const p of generatePatients({ count: patients, seed: 'variety', inpatientShare: 0.15 })) {
  const docs = new Map(
    (p.bundle.entry ?? [])
      .filter((e) => e.resource?.resourceType === 'DocumentReference')
      .map((e) => [e.fullUrl!, e.resource as DocumentReference]),
  );
  for (const n of p.labels.notes) {
    const text = Buffer.from(docs.get(n.document)!.content[0]!.attachment.data!, 'base64').toString('utf8');
    const list = texts.get(n.type) ?? [];
    list.push(text);
    texts.set(n.type, list);
  }
}

function ngrams(notes: string[], n: number): number {
  const seen = new Set<string>();
  for (const t of notes) {
    // Numbers and dates vary trivially; mask them so the count reflects wording.
    const words = t
      .toLowerCase()
      .replace(/\d+(\.\d+)?/g, '#')
      .split(/\s+/)
      .filter(Boolean);
    for (let i = 0; i + n <= words.length; i++) seen.add(words.slice(i, i + n).join(' '));
  }
  return seen.size;
}

console.log(
  `patients: ${patients}; numbers masked as #; n-grams counted over the first 1,000 notes of each type (or all if fewer)`,
);
console.log('type       notes  unigrams  bigrams  trigrams  4-grams  unique-texts');
const all: string[] = [];
for (const [type, list] of [...texts.entries()].sort()) {
  const sample = list.slice(0, 1000);
  all.push(...sample);
  const unique = new Set(sample.map((t) => t.replace(/\d+(\.\d+)?/g, '#'))).size / sample.length;
  console.log(
    `${type.padEnd(10)} ${String(sample.length).padStart(5)}  ${String(ngrams(sample, 1)).padStart(8)}  ${String(ngrams(sample, 2)).padStart(7)}  ${String(ngrams(sample, 3)).padStart(8)}  ${String(ngrams(sample, 4)).padStart(7)}  ${(unique * 100).toFixed(1)}%`,
  );
}
const mixed = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 1000)) === 0).slice(0, 1000);
console.log(
  `all types (1,000 notes mixed): unigrams ${ngrams(mixed, 1)}, bigrams ${ngrams(mixed, 2)}, trigrams ${ngrams(mixed, 3)}, 4-grams ${ngrams(mixed, 4)}`,
);
