/**
 * Print the offline draft beside the reference note for one ACI-Bench encounter (development aid).
 *   npx tsx bench/scribe-show.ts [split=valid] [index=0]
 */
import { loadAciBench } from '@galen/eval/aci-bench';
import { parseAciTranscript } from '@galen/scribe/transcript/parse';
import { draftOffline } from '@galen/scribe/engines/offline/engine';
import { renderDraftText } from '@galen/scribe/note';

const split = process.argv[2] ?? 'valid';
if (split.startsWith('test')) throw new Error('Development aid: never inspect test splits.');
const e = loadAciBench(split)[Number(process.argv[3] ?? 0)];
if (!e) throw new Error('No such encounter.');
console.log('=== DRAFT ===\n' + renderDraftText(draftOffline(parseAciTranscript(e.dialogue))));
console.log('=== REFERENCE ===\n' + e.note);
