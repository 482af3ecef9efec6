export const BAR_WIDTH = 40;

/** Where a span sits within its trace's time window, drawn in `width` columns (at least one filled). */
export function timelineBar(offsetMs: number, durationMs: number, traceMs: number, width = BAR_WIDTH): string {
  const start = traceMs > 0 ? Math.min(width - 1, Math.max(0, Math.floor((offsetMs / traceMs) * width))) : 0;
  const filled = traceMs > 0 ? Math.round((durationMs / traceMs) * width) : 0;
  const length = Math.max(1, Math.min(width - start, filled));
  return ' '.repeat(start) + '█'.repeat(length) + ' '.repeat(width - start - length);
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
