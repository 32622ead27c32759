/**
 * Keys that reload a page or open DevTools in a browser (Chromium handles some without any menu).
 * A packaged Loadout swallows them in every window: a reload would drop a streaming answer or a
 * preset editor's unsaved form, and DevTools are for developers. `npm start` keeps them.
 */
import type { Input } from 'electron';

type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'shift' | 'alt'>;

/** True for F5, Ctrl/Cmd+R (with or without Shift), F12, Ctrl+Shift+I/J/C and Cmd+Alt+I/J/C. */
export function isDeveloperShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const is = (letter: string) => key === letter || input.code === `Key${letter.toUpperCase()}`;
  if (key === 'f5' || key === 'f12') return true;
  const primary = input.control || input.meta;
  if (primary && is('r')) return true;
  const devtoolsChord = (input.control && input.shift) || (input.meta && input.alt);
  return devtoolsChord && (is('i') || is('j') || is('c'));
}
