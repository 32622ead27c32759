import { describe, expect, it } from 'vitest';
import { formatMoney, resolveCurrency } from '../../../shared/energy/currency';

describe('currency', () => {
  it('uses the setting first, BRL for a Brazilian locale, else USD', () => {
    expect(resolveCurrency('EUR', 'pt-BR')).toBe('EUR');
    expect(resolveCurrency(null, 'pt-BR')).toBe('BRL');
    expect(resolveCurrency(null, 'pt_BR.UTF-8')).toBe('BRL');
    expect(resolveCurrency(null, 'pt-PT')).toBe('USD');
    // The language decides, not a pt-BR further along the tag (here a private-use subtag of an English locale).
    expect(resolveCurrency(null, 'en-US-x-pt-BR')).toBe('USD');
    expect(resolveCurrency(null, null)).toBe('USD');
  });

  it('formats with Intl.NumberFormat in the user locale', () => {
    expect(formatMoney(12.5, 'BRL', 'pt-BR').replace(/\s/g, ' ')).toBe('R$ 12,50');
    expect(formatMoney(12.5, 'USD', 'en-US')).toBe('$12.50');
    expect(formatMoney(0.0123, 'USD', 'en-US')).toBe('$0.012');
    expect(formatMoney(0.5, 'USD', 'en-US')).toBe('$0.50');
    expect(formatMoney(1, 'USD', 'not a locale!')).toBe('$1.00');
  });
});
