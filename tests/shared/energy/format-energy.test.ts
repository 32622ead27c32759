import { describe, expect, it } from 'vitest';
import { formatCo2, formatEnergyNumber, formatKWh, formatWh } from '../../../shared/energy/format-energy';
import { formatMoney } from '../../../shared/energy/currency';

const plain = (s: string) => s.replace(/\s/g, ' ');

describe('energy figures', () => {
  it('keeps two significant digits where the usual decimals would show nothing', () => {
    expect(formatCo2(0.074, 'en')).toBe('0.074 g');
    expect(formatKWh(0.0031, 'en')).toBe('0.0031 kWh');
    expect(formatWh(0.42, 'en')).toBe('0.42 Wh');
    expect(plain(formatMoney(0.0042, 'BRL', 'pt-BR'))).toBe('R$ 0,0042');
  });

  it('writes ordinary amounts with the usual decimals, in the locale', () => {
    expect(formatKWh(1234.567, 'en')).toBe('1,234.57 kWh');
    expect(formatKWh(1.5, 'pt-BR')).toBe('1,50 kWh');
    expect(formatWh(12.4, 'en')).toBe('12 Wh');
    expect(formatCo2(153.6, 'en')).toBe('154 g');
    expect(formatCo2(1250, 'pt-BR')).toBe('1,25 kg');
    expect(formatEnergyNumber(0, 'en', 3)).toBe('0.000');
    expect(formatEnergyNumber(12345.6, 'en', 2, false)).toBe('12345.60');
  });
});
