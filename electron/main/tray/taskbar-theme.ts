/**
 * Whether Windows' taskbar is light or dark. It follows the *system* mode
 * (HKCU\…\Themes\Personalize\SystemUsesLightTheme), which can differ from the *app* mode that
 * nativeTheme reports, so it is read from the registry: once at start and again on each nativeTheme
 * 'updated' event (Windows fires one when either mode changes), never per sample.
 */
import type { NativeTheme } from 'electron';

export type TaskbarTheme = 'light' | 'dark';

export const PERSONALIZE_KEY = String.raw`HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize`;

/** Runs a program and resolves to its stdout (node:child_process execFile, promisified). */
export type RunProgram = (file: string, args: string[]) => Promise<string>;

/** The taskbar theme in `reg query … /v SystemUsesLightTheme` output, or null when the value is absent or odd. */
export function parseSystemUsesLightTheme(stdout: string): TaskbarTheme | null {
  const match = /SystemUsesLightTheme\s+REG_DWORD\s+0x([0-9a-f]+)/i.exec(stdout);
  if (!match) return null;
  return Number.parseInt(match[1]!, 16) === 0 ? 'dark' : 'light';
}

/** Read the taskbar theme with `reg query`; null when it cannot be read (no value before Windows 10 1903). */
export async function readTaskbarTheme(run: RunProgram, regExe = 'reg'): Promise<TaskbarTheme | null> {
  try {
    return parseSystemUsesLightTheme(await run(regExe, ['query', PERSONALIZE_KEY, '/v', 'SystemUsesLightTheme']));
  } catch {
    return null;
  }
}

export interface TaskbarThemeWatchOptions {
  nativeTheme: Pick<NativeTheme, 'on' | 'removeListener' | 'shouldUseDarkColors'>;
  /** Reads the registry value (readTaskbarTheme in the app; a fake in tests). */
  read(): Promise<TaskbarTheme | null>;
  /** Called when the theme differs from the last one reported. */
  onChange(theme: TaskbarTheme): void;
}

/** Follows the taskbar theme; `current` starts from nativeTheme until the first registry read answers. */
export class TaskbarThemeWatch {
  private theme: TaskbarTheme;
  private reads = 0;
  private readonly onUpdated = () => void this.reread();

  constructor(private readonly options: TaskbarThemeWatchOptions) {
    this.theme = options.nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
    options.nativeTheme.on('updated', this.onUpdated);
  }

  /** The taskbar theme as last known. */
  get current(): TaskbarTheme {
    return this.theme;
  }

  /** Read the registry now; resolves once the answer (if newer than any other) is applied. */
  async reread(): Promise<void> {
    const ticket = ++this.reads;
    const read = await this.options.read();
    // A slower, older read must not undo a newer one.
    if (ticket !== this.reads) return;
    const next = read ?? (this.options.nativeTheme.shouldUseDarkColors ? 'dark' : 'light');
    if (next === this.theme) return;
    this.theme = next;
    this.options.onChange(next);
  }

  /** Stop following nativeTheme. */
  dispose(): void {
    this.options.nativeTheme.removeListener('updated', this.onUpdated);
  }
}
