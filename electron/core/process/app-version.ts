/**
 * Loadout's version, from one source: package.json. Bundlers (electron-vite for the app, esbuild for
 * the CLI and its standalone executable) inline the field at build time; tsx and vitest read the file.
 */
import { version } from '../../../package.json';

/** Loadout's version as package.json states it, or "unknown" (never a made-up number) if it states none. */
export function appVersion(): string {
  return statedVersion(version);
}

/** A package.json `version` field as shown to people: the string, or "unknown" when it is missing or empty. */
export function statedVersion(field: unknown): string {
  return typeof field === 'string' && field.trim() !== '' ? field : 'unknown';
}
