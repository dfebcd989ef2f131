/**
 * Transcript parsers: ACI-Bench style (`[doctor] ... [patient] ...`), `Speaker: text` lines,
 * WebVTT (https://www.w3.org/TR/webvtt1/), SubRip (SRT) and JSON. Each returns numbered turns or
 * throws `badRequest` with a message that says what is wrong.
 */
import { badRequest } from '@galen/fhir';
import { numberTurns, roleOf, TRANSCRIPT_LIMITS, type SpeakerRole, type Transcript, type Turn } from './turns';

export type TranscriptFormat = 'aci' | 'vtt' | 'srt' | 'json' | 'lines';

function finish(raw: Omit<Turn, 'id'>[]): Transcript {
  const merged: Omit<Turn, 'id'>[] = [];
  for (const t of raw) {
    const text = t.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    merged.push({ ...t, text });
  }
  if (!merged.length) throw badRequest('Transcript is empty: no speaker turns with text were found.');
  if (merged.length > TRANSCRIPT_LIMITS.maxTurns)
    throw badRequest(`Transcript has ${merged.length} turns; the limit is ${TRANSCRIPT_LIMITS.maxTurns}. Split it.`);
  return { turns: numberTurns(merged) };
}

/** `[doctor] hi .\n[patient] hello .` — a tag starts a turn; untagged lines continue the previous one. */
export function parseAciTranscript(text: string): Transcript {
  const raw: Omit<Turn, 'id'>[] = [];
  const re = /\[([^\]\n]{1,40})\]/g;
  let m: RegExpExecArray | null;
  let last: { speaker: string; from: number } | undefined;
  const pieces: { speaker: string | undefined; text: string }[] = [];
  let lead = '';
  while ((m = re.exec(text))) {
    if (last) pieces.push({ speaker: last.speaker, text: text.slice(last.from, m.index) });
    else lead = text.slice(0, m.index);
    last = { speaker: m[1]!.trim(), from: m.index + m[0].length };
  }
  if (last) pieces.push({ speaker: last.speaker, text: text.slice(last.from) });
  else lead = text;
  if (lead.trim()) pieces.unshift({ speaker: undefined, text: lead });
  for (const p of pieces) raw.push({ role: roleOf(p.speaker), ...(p.speaker ? { speaker: p.speaker } : {}), text: p.text });
  return finish(raw);
}

/** `Doctor: text` lines; lines without a label continue the previous turn. */
export function parseLabelledLines(text: string): Transcript {
  const raw: Omit<Turn, 'id'>[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z][\w .'-]{0,30}?)\s*:\s+(.*)$/.exec(line);
    if (m) raw.push({ role: roleOf(m[1]), speaker: m[1]!, text: m[2]! });
    else if (raw.length) raw[raw.length - 1]!.text += ' ' + line;
    else if (line.trim()) raw.push({ role: 'unknown', text: line });
  }
  return finish(raw);
}

function seconds(ts: string): number {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$/.exec(ts.trim());
  if (!m) throw badRequest(`Bad cue timestamp "${ts.slice(0, 30)}"`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]!.padEnd(3, '0')) / 1000;
}

/** Speaker from a cue payload: WebVTT voice span `<v Doctor>` or a `Doctor:` prefix. */
function cueSpeaker(payload: string): { speaker?: string; text: string } {
  const v = /^<v(?:\.[\w.]+)?\s+([^>]+)>([\s\S]*?)(?:<\/v>)?$/.exec(payload.trim());
  if (v) return { speaker: v[1]!.trim(), text: v[2]!.replace(/<[^>]+>/g, '') };
  const l = /^([A-Za-z][\w .'-]{0,30}?)\s*:\s+([\s\S]*)$/.exec(payload.trim());
  if (l && roleOf(l[1]) !== 'unknown') return { speaker: l[1]!, text: l[2]! };
  const b = /^\[([^\]]{1,40})\]\s*([\s\S]*)$/.exec(payload.trim());
  if (b) return { speaker: b[1]!, text: b[2]! };
  return { text: payload.replace(/<[^>]+>/g, '') };
}

function parseCues(text: string, requireHeader: boolean): Transcript {
  const body = text.replace(/\r\n?/g, '\n');
  if (requireHeader && !/^\uFEFF?WEBVTT/.test(body)) throw badRequest('Not WebVTT: the file must start with "WEBVTT".');
  const raw: Omit<Turn, 'id'>[] = [];
  for (const block of body.split(/\n{2,}/)) {
    const lines = block.split('\n');
    const ti = lines.findIndex((l) => l.includes('-->'));
    if (ti < 0) continue;
    const [a, b] = lines[ti]!.split('-->');
    const start = seconds(a!);
    const end = seconds(b!.trim().split(/\s+/)[0]!);
    const payload = lines.slice(ti + 1).join('\n');
    const { speaker, text: t } = cueSpeaker(payload);
    const role: SpeakerRole = roleOf(speaker);
    const prev = raw[raw.length - 1];
    // Consecutive cues by the same speaker form one turn.
    if (prev && speaker && prev.speaker === speaker) {
      prev.text += ' ' + t;
      prev.end = end;
    } else raw.push({ role, ...(speaker ? { speaker } : {}), text: t, start, end });
  }
  return finish(raw);
}

export const parseWebVtt = (text: string): Transcript => parseCues(text, true);
export const parseSrt = (text: string): Transcript => parseCues(text, false);

/** JSON: `{ turns: [{ role|speaker, text, start?, end? }] }` or a bare array of such objects. */
export function parseJsonTranscript(text: string | unknown): Transcript {
  let data: unknown = text;
  if (typeof text === 'string') {
    try {
      data = JSON.parse(text);
    } catch {
      throw badRequest('Transcript JSON is not valid JSON.');
    }
  }
  const arr = Array.isArray(data) ? data : (data as { turns?: unknown } | null)?.turns;
  if (!Array.isArray(arr)) throw badRequest('Transcript JSON must be an array of turns or { "turns": [...] }.');
  const raw: Omit<Turn, 'id'>[] = arr.map((x: unknown, i) => {
    if (!x || typeof x !== 'object') throw badRequest(`Turn ${i + 1} is not an object.`);
    const o = x as Record<string, unknown>;
    if (typeof o.text !== 'string') throw badRequest(`Turn ${i + 1} has no "text" string.`);
    const speaker = typeof o.speaker === 'string' ? o.speaker : undefined;
    const role =
      typeof o.role === 'string' && ['doctor', 'patient', 'other', 'unknown'].includes(o.role)
        ? (o.role as SpeakerRole)
        : roleOf(speaker ?? (typeof o.role === 'string' ? o.role : undefined));
    return {
      role,
      ...(speaker ? { speaker } : {}),
      text: o.text,
      ...(typeof o.start === 'number' ? { start: o.start } : {}),
      ...(typeof o.end === 'number' ? { end: o.end } : {}),
    };
  });
  return finish(raw);
}

/** Guess the format of transcript text. */
export function detectTranscriptFormat(text: string): TranscriptFormat {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('WEBVTT')) return 'vtt';
  if (t.startsWith('{') || t.startsWith('[{') || /^\[\s*\{/.test(t)) return 'json';
  if (/^\d+\s*\n\s*\d{1,2}:\d{2}:\d{2},\d{3}\s*-->/.test(t)) return 'srt';
  if (/^\[[^\]\n]{1,40}\]/.test(t)) return 'aci';
  return 'lines';
}

/**
 * Parse transcript text in any supported format (detected unless given).
 * @example parseTranscript('[doctor] any chest pain ?\n[patient] no .').turns.length // 2
 */
export function parseTranscript(text: string, format?: TranscriptFormat): Transcript {
  if (typeof text !== 'string' || !text.trim()) throw badRequest('Transcript is empty.');
  if (text.length > TRANSCRIPT_LIMITS.maxChars)
    throw badRequest(
      `Transcript is ${text.length} characters; the limit is ${TRANSCRIPT_LIMITS.maxChars} (about 4 hours of speech). Split it.`,
    );
  switch (format ?? detectTranscriptFormat(text)) {
    case 'vtt':
      return parseWebVtt(text);
    case 'srt':
      return parseSrt(text);
    case 'json':
      return parseJsonTranscript(text);
    case 'aci':
      return parseAciTranscript(text);
    case 'lines':
      return parseLabelledLines(text);
  }
}
