import { extractVitals } from '@galen/scribe/engines/offline/vitals';
import { loadAciBench } from '@galen/eval/aci-bench';
import { parseAciTranscript } from '@galen/scribe/transcript/parse';
for (const e of loadAciBench('train')) for (const t of parseAciTranscript(e.dialogue).turns) if (t.role==='doctor') { const v = extractVitals(t.text); if (v.length) console.log(v.join(' ')); }
