/**
 * At most `limit()` asks answered at once (`mcp.maxConcurrent`, read at each turn so a settings change
 * applies to the next one); the rest wait in line, first come first served, and a waiting ask can be
 * cancelled without taking a turn.
 */
import { cancelledError } from './delegation-errors';

interface Waiter {
  grant: () => void;
  onPosition?: (position: number) => void;
}

export interface AskQueue {
  /** Wait for a turn; resolves with the function that gives it back (call once). Rejects with DelegationError('cancelled') on abort. */
  acquire(signal?: AbortSignal, onPosition?: (position: number) => void): Promise<() => void>;
  /** Asks answering now and waiting (tests, status). */
  counts(): { running: number; waiting: number };
}

/** Build the line. */
export function createAskQueue(limit: () => number): AskQueue {
  let running = 0;
  const waiting: Waiter[] = [];
  const turn = (): (() => void) => {
    running++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      running--;
      next();
    };
  };
  const next = () => {
    while (waiting.length && running < Math.max(1, limit())) {
      const w = waiting.shift()!;
      w.grant();
    }
    waiting.forEach((w, i) => w.onPosition?.(i + 1));
  };
  return {
    acquire(signal, onPosition) {
      if (signal?.aborted) return Promise.reject(cancelledError());
      if (running < Math.max(1, limit()) && waiting.length === 0) return Promise.resolve(turn());
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          const at = waiting.indexOf(waiter);
          if (at >= 0) waiting.splice(at, 1);
          waiting.forEach((w, i) => w.onPosition?.(i + 1));
          reject(cancelledError());
        };
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(turn());
          },
          onPosition,
        };
        waiting.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        onPosition?.(waiting.length);
      });
    },
    counts: () => ({ running, waiting: waiting.length }),
  };
}
