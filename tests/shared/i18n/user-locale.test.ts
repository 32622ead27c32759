/** The one locale source: language from the setting or the OS, currency from energy.currency or the language. */
import { describe, expect, it } from 'vitest';
import { processLocales } from '../../../electron/core/process/os-locales';
import { posixLocaleTag, resolveUserLocale } from '../../../shared/i18n/user-locale';

const settings = (language: 'auto' | 'en' | 'pt-BR', currency: string | null = null) => ({
  ui: { language },
  energy: { currency },
});

describe('resolveUserLocale', () => {
  it('takes the language from the setting, the OS only on auto', () => {
    expect(resolveUserLocale(settings('pt-BR'), ['en-US'])).toEqual({ language: 'pt-BR', currency: 'BRL' });
    expect(resolveUserLocale(settings('en'), ['pt-BR'])).toEqual({ language: 'en', currency: 'USD' });
    expect(resolveUserLocale(settings('auto'), ['pt-BR'])).toEqual({ language: 'pt-BR', currency: 'BRL' });
    // Any Portuguese shows the pt-BR catalog, so its money is BRL too: words and currency never disagree.
    expect(resolveUserLocale(settings('auto'), ['pt-PT'])).toEqual({ language: 'pt-BR', currency: 'BRL' });
  });

  it('lets energy.currency override the currency and nothing else', () => {
    expect(resolveUserLocale(settings('pt-BR', 'EUR'), [])).toEqual({ language: 'pt-BR', currency: 'EUR' });
  });
});

describe('process locales', () => {
  it('reads POSIX variables in their precedence, skipping C', () => {
    expect(posixLocaleTag('pt_BR.UTF-8')).toBe('pt-BR');
    expect(posixLocaleTag('C.UTF-8')).toBeNull();
    expect(processLocales({ LC_ALL: 'pt_BR.UTF-8', LANG: 'en_US.UTF-8' })[0]).toBe('pt-BR');
    expect(processLocales({ LC_ALL: 'C', LANG: 'pt_BR.UTF-8' })[0]).toBe('pt-BR');
  });
});
