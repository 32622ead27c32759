/**
 * The long-running faces (the tray app, `loadout serve`) must not exit on a promise nobody awaited, nor
 * lose it: Node's default (`--unhandled-rejections=throw`) ends the process, and an empty listener would
 * hide the bug. This listener logs the stack and keeps the process running.
 */

/** The part of `process` this needs (tests pass an EventEmitter). */
export interface RejectionSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** Log every unhandled rejection with its stack under `label` and keep running; returns the function that removes the listener. */
export function logUnhandledRejections(
  source: RejectionSource,
  write: (line: string) => void,
  label: string,
): () => void {
  const listener = (reason: unknown) => {
    const detail =
      reason instanceof Error
        ? (reason.stack ?? `${reason.name}: ${reason.message}`)
        : `a non-error value: ${String(reason)}`;
    write(
      `${label}: an operation failed and nothing handled it (a Loadout bug; please report it with this text). Loadout keeps running.\n${detail}\n`,
    );
  };
  source.on('unhandledRejection', listener);
  return () => void source.off('unhandledRejection', listener);
}
