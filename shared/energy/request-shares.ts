/**
 * Splitting the GPU's energy between Loadout's requests when they overlap. The rule is equal shares:
 * every moment's energy is divided by the number of requests running at that moment. Tokens are not
 * used because a request's tokens are only known in total, not when they were produced (a queued
 * request and a streaming one would get the same per-token weight), while equal shares of each moment
 * need nothing but the requests' start and end, and always add up to the GPU's measured energy.
 */

/** A request's time on the GPU (Unix ms). */
export interface RequestWindow {
  startMs: number;
  endMs: number;
}

/** A piece of a request's window during which the same requests were running. */
export interface SharedPiece {
  startMs: number;
  endMs: number;
  /** How many requests (this one included) ran during the piece; the piece's energy is divided by it. */
  sharers: number;
}

/**
 * Cut `target` at every start and end of the other windows inside it, and count for each piece how
 * many windows (target included) cover it. `others` may contain `target` itself; it is counted once.
 */
export function sharedPieces(target: RequestWindow, others: readonly RequestWindow[]): SharedPiece[] {
  if (target.endMs <= target.startMs) return [];
  const overlapping = others.filter(
    (w) => w !== target && w.startMs < target.endMs && w.endMs > target.startMs && w.endMs > w.startMs,
  );
  const cuts = new Set<number>([target.startMs, target.endMs]);
  for (const w of overlapping) {
    if (w.startMs > target.startMs) cuts.add(w.startMs);
    if (w.endMs < target.endMs) cuts.add(w.endMs);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: SharedPiece[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const sharers = 1 + overlapping.filter((w) => w.startMs <= a && w.endMs >= b).length;
    const last = pieces[pieces.length - 1];
    if (last && last.sharers === sharers && last.endMs === a) last.endMs = b;
    else pieces.push({ startMs: a, endMs: b, sharers });
  }
  return pieces;
}
