/**
 * Theme: "system" leaves the choice to CSS (prefers-color-scheme); light/dark pin it with
 * data-theme on <html>, which the stylesheet's variables follow.
 */
export type ThemeSetting = 'system' | 'light' | 'dark';

/** Apply the theme setting to the document. */
export function applyTheme(setting: ThemeSetting, root: HTMLElement = document.documentElement): void {
  if (setting === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', setting);
}

/** The theme in effect now (for the charts' canvas colours, which CSS cannot reach). */
export function effectiveTheme(root: HTMLElement = document.documentElement): 'light' | 'dark' {
  const pinned = root.getAttribute('data-theme');
  if (pinned === 'light' || pinned === 'dark') return pinned;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
