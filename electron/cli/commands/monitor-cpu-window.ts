/**
 * `loadout monitor`'s CPU window, opened as the command is dispatched (commands/index.ts), before its modules
 * load: a CPU figure needs two tick readings apart, and the command's ~30–80 ms of module loading can run
 * inside that wait instead of before it. Small on purpose: it loads with the CLI's entry.
 */
import { CpuMemoryReader, ownProcessCpuMs } from '../../core/hardware/cpu-memory-reader';

let opened: CpuMemoryReader | null = null;

const newReader = () => new CpuMemoryReader(undefined, undefined, { ownCpuMs: ownProcessCpuMs });

/** Open the window now (once); the command takes it when it runs. */
export function openMonitorCpuWindow(): void {
  opened ??= newReader();
}

/** The window opened at dispatch, or one opened now (a command run without the dispatcher, as in tests). */
export function takeMonitorCpuWindow(): CpuMemoryReader {
  const reader = opened ?? newReader();
  opened = null;
  return reader;
}
