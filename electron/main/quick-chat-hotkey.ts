/**
 * The quick chat's global hotkey (settings.ui.quickChatHotkey, default Control+Alt+Space): registered
 * at start and again whenever the setting changes; when the OS refuses it, the user gets a notice
 * saying so and what to do, and the tray item still works.
 */
import type { GlobalShortcut } from 'electron';

export type HotkeyResult = { ok: true; accelerator: string } | { ok: false; accelerator: string; reason: string };

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
    let reason = 'the system refused it (another app may use it)';
    try {
      registered = this.globalShortcut.register(accelerator, this.onPress);
    } catch (error) {
      // Electron throws for accelerators it cannot parse ("Ctrl+Nope").
      reason = `it is not a valid shortcut (${error instanceof Error ? error.message : String(error)})`;
    }
    if (!registered) return { ok: false, accelerator, reason };
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
