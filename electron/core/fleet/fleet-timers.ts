/**
 * The fleet watch's notion of time, injected so tests drive polls, heartbeats and backoff without
 * waiting on the real clock. `wallNow` is the clock compared with an agent's (clock skew); it stays real.
 */
export interface FleetTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: FleetTimers = {
  now: () => Date.now(),
  // Unref'd: a watch never keeps a process alive on its own.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The machine did not answer in time: a heartbeat, not a TCP error, says it is gone. */
export class SilentMachineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SilentMachineError';
  }
}

/** `work`, or a SilentMachineError after `ms` on `timers`; `onLate` gets what `work` yields after losing (to close it). */
export function withDeadline<T>(
  timers: FleetTimers,
  work: Promise<T>,
  ms: number,
  message: string,
  onLate: (value: T) => void = () => undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = timers.setTimeout(() => {
      if (done) return;
      done = true;
      reject(new SilentMachineError(message));
    }, ms);
    work.then(
      (value) => {
        if (done) return onLate(value);
        done = true;
        timers.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        timers.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
