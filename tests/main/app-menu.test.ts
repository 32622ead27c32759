/** No default application menu: none on Windows and Linux; on macOS app, Edit and Window, with Reload/DevTools only unpackaged. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../electron/main/app-menu';
import { isDeveloperShortcut } from '../../electron/main/windows/developer-shortcuts';

/** Every role in a template, submenus included. */
function roles(template: MenuItemConstructorOptions[]): string[] {
  return template
    .flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])])
    .filter(Boolean);
}

describe('application menu', () => {
  it('has none on Windows and Linux, packaged or not', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(applicationMenuTemplate(platform, true)).toBeNull();
      expect(applicationMenuTemplate(platform, false)).toBeNull();
    }
  });

  it('keeps Edit on macOS (copy and paste reach text fields through it) and drops Reload/DevTools when packaged', () => {
    expect(roles(applicationMenuTemplate('darwin', true)!)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    expect(roles(applicationMenuTemplate('darwin', false)!)).toEqual([
      'appMenu',
      'editMenu',
      'windowMenu',
      'reload',
      'toggleDevTools',
    ]);
  });

  it('knows the reload and DevTools keys, and leaves editing keys alone', () => {
    const key = (k: string, mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}, code = '') =>
      isDeveloperShortcut({
        type: 'keyDown',
        key: k,
        code,
        control: false,
        meta: false,
        shift: false,
        alt: false,
        ...mods,
      });
    for (const [k, mods] of [
      ['r', { control: true }],
      ['r', { meta: true }],
      ['R', { control: true, shift: true }],
      ['F5', {}],
      ['F12', {}],
      ['I', { control: true, shift: true }],
      ['i', { meta: true, alt: true }],
      ['J', { control: true, shift: true }],
    ] as const) {
      expect(key(k, mods), `${k} ${JSON.stringify(mods)}`).toBe(true);
    }
    // The same key position on another layout (Chromium matches accelerators by the physical key too).
    expect(key('к', { control: true }, 'KeyR')).toBe(true);
    for (const [k, mods] of [
      ['r', {}],
      ['c', { control: true }],
      ['v', { meta: true }],
      ['i', { control: true }],
      ['z', { control: true, shift: true }],
      ['Escape', {}],
    ] as const) {
      expect(key(k, mods), `${k} ${JSON.stringify(mods)}`).toBe(false);
    }
    expect(
      isDeveloperShortcut({
        type: 'keyUp',
        key: 'F5',
        code: 'F5',
        control: false,
        meta: false,
        shift: false,
        alt: false,
      }),
    ).toBe(false);
  });
});
