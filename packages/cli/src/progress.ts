/**
 * A progress bar on stderr (only when it is a terminal; otherwise a line every ~10%).
 */
export interface Progress {
  update(done: number, total?: number): void;
  done(summary?: string): void;
}

export function progressBar(
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  total = 0,
): Progress {
  const start = Date.now();
  let lastDraw = 0;
  let lastPct = -1;
  let tot = total;
  const draw = (done: number) => {
    const now = Date.now();
    const pct = tot > 0 ? Math.min(100, Math.floor((done / tot) * 100)) : 0;
    if (stream.isTTY) {
      if (now - lastDraw < 80 && done !== tot) return;
      lastDraw = now;
      const width = 30;
      const filled = tot > 0 ? Math.round((done / tot) * width) : 0;
      const rate = done / Math.max(0.001, (now - start) / 1000);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${tot || '?'} ${rate.toFixed(0)}/s `);
    } else if (tot > 0 && pct >= lastPct + 10) {
      lastPct = pct - (pct % 10);
      stream.write(`${label}: ${done}/${tot} (${pct}%)\n`);
    }
  };
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) tot = newTotal;
      draw(done);
    },
    done(summary) {
      if (stream.isTTY) stream.write('\n');
      if (summary) stream.write(`${summary}\n`);
    },
  };
}
