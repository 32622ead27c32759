import { describe, expect, it } from 'vitest';
import { timeTickLabel, timeTickSpace } from '../../../renderer/src/monitor/time-axis';

// Roughly 11px system-ui: 6.5 px a character.
const measure = (text: string) => text.length * 6.5;
const at = (h: number, m: number, s: number) => new Date(2026, 11, 7, h, m, s).getTime() / 1000;

describe('the live charts time axis', () => {
  it('writes English ticks without AM/PM on a minutes-wide window, and keeps it hours apart', () => {
    expect(timeTickLabel(at(0, 20, 30), 30, 'en-US')).toBe('12:20:30');
    expect(timeTickLabel(at(13, 5, 0), 60, 'en-US')).toBe('1:05');
    expect(timeTickLabel(at(13, 0, 0), 3 * 3600, 'en-US').replace(/\s/g, ' ')).toBe('1:00 PM');
    expect(timeTickLabel(at(0, 20, 30), 30, 'pt-BR')).toBe('00:20:30');
  });

  it('spaces ticks wider than the widest label, so neighbours never touch', () => {
    const min = at(0, 15, 0);
    const max = at(0, 20, 0);
    for (const locale of ['en-US', 'pt-BR']) {
      const space = timeTickSpace(min, max, locale, measure);
      expect(space).toBeGreaterThan(measure(timeTickLabel(at(23, 59, 59), 30, locale)) + 8);
    }
    // The 24-hour chart's labels carry AM/PM, and get the room for it.
    expect(timeTickSpace(at(0, 0, 0), at(23, 0, 0), 'en-US', measure)).toBeGreaterThanOrEqual(measure('11:59 PM') + 16);
  });
});
