/**
 * FleetTimers on a clock the test moves: `advance(ms)` fires every timer due by then, in order, so a
 * test says "8 s later" without waiting 8 s. Real sockets still answer in real time between advances.
 */
import type { FleetTimers } from '../../../electron/core/fleet/fleet-timers';

export interface ManualTimers extends FleetTimers {
  advance(ms: number): void;
}

export function manualTimers(start = 1_000_000): ManualTimers {
  let now = start;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      due.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}
