/**
 * "Did you mean …?" for a mistyped name (a command, a setting key): the candidates a typo away. Shared by
 * the CLI's unknown-command and unknown-setting messages so both suggest the same way.
 */

/** Edit distance with adjacent swaps counted as one edit (optimal string alignment): `aply`→`apply` is 1, `pesets`→`presets` 1. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidates close to `typed`, nearest first: within a third of its length in edits (at least 1, at
 * most 3), ignoring case. Short typos ("aply") find their word; unrelated words find nothing.
 */
export function closestNames(typed: string, candidates: readonly string[], limit = 3): string[] {
  const input = typed.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  return candidates
    .map((name) => ({ name, distance: editDistance(input, name.toLowerCase()) }))
    .filter((c) => c.distance <= allowed)
    .sort((x, y) => x.distance - y.distance)
    .slice(0, limit)
    .map((c) => c.name);
}
