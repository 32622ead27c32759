/**
 * The quick chat's global hotkey (settings.ui.quickChatHotkey, default Control+Alt+Space): registered
 * at start and again whenever the setting changes; when the OS refuses it, the user gets a notice
 * saying so and what to do, and the tray item still works.
 */
import type { GlobalShortcut } from 'electron';

/**
 * A refusal says why as data (`cause`, Electron's own words in `detail`) so the notification words it in the
 * app's language; `reason` is the English wording.
 */
export type HotkeyResult =
  | { ok: true; accelerator: string }
  | { ok: false; accelerator: string; reason: string; cause: 'taken' | 'invalid'; detail: string | null };

/** Owns one global shortcut at a time. */
export class QuickChatHotkey {
  private current: string | null = null;

  constructor(
    private readonly globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
    private readonly onPress: () => void,
  ) {}

  /** Register `accelerator` instead of the current one; a refusal leaves no hotkey registered. */
  set(accelerator: string): HotkeyResult {
    if (accelerator === this.current) return { ok: true, accelerator };
    this.clear();
    let registered = false;
    let detail: string | null = null;
    try {
      registered = this.globalShortcut.register(accelerator, this.onPress);
    } catch (error) {
      // Electron throws for accelerators it cannot parse ("Ctrl+Nope").
      detail = error instanceof Error ? error.message : String(error);
    }
    if (!registered)
      return detail === null
        ? { ok: false, accelerator, cause: 'taken', detail, reason: 'the system refused it (another app may use it)' }
        : { ok: false, accelerator, cause: 'invalid', detail, reason: `it is not a valid shortcut (${detail})` };
    this.current = accelerator;
    return { ok: true, accelerator };
  }

  /** The registered accelerator, or null. */
  get registered(): string | null {
    return this.current;
  }

  /** Unregister the current shortcut. */
  clear(): void {
    if (this.current) this.globalShortcut.unregister(this.current);
    this.current = null;
  }
}
