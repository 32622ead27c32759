/**
 * What a menu template shows, as one string: two templates with the same signature look the same, so
 * the tray keeps the menu it has instead of setting a new one (a rebuilt menu closes or flickers
 * while open on some platforms). Click handlers are left out: they act on what the labels name.
 */
import type { MenuItemConstructorOptions } from 'electron';

type Shown = Pick<
  MenuItemConstructorOptions,
  'id' | 'label' | 'sublabel' | 'type' | 'enabled' | 'checked' | 'accelerator' | 'visible'
> & { submenu?: Shown[] };

function shown(item: MenuItemConstructorOptions): Shown {
  const { id, label, sublabel, type, enabled, checked, accelerator, visible } = item;
  const submenu = Array.isArray(item.submenu) ? item.submenu.map(shown) : undefined;
  return { id, label, sublabel, type, enabled, checked, accelerator, visible, submenu };
}

export function menuSignature(template: readonly MenuItemConstructorOptions[]): string {
  return JSON.stringify(template.map(shown));
}
