/** The locales this process's OS user prefers, for a face with no browser or Electron to ask. */
import { posixLocaleTag } from '../../../shared/i18n/user-locale';

/** The first of LC_ALL, LC_MESSAGES, LANG that names a locale (POSIX precedence), then ICU's default; most preferred first. */
export function processLocales(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG].map(posixLocaleTag).find((l) => l !== null);
  return [...(fromEnv ? [fromEnv] : []), Intl.DateTimeFormat().resolvedOptions().locale];
}
