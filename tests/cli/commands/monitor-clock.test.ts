import { describe, expect, it } from 'vitest';
import { clockTime } from '../../../electron/cli/commands/monitor';

describe("monitor's table time", () => {
  it('is local HH:MM:SS in 24 hours, as the en-GB time format wrote it, without loading Intl', () => {
    for (const date of [
      new Date(2026, 0, 1, 0, 5, 9),
      new Date(2026, 6, 15, 13, 45, 7),
      new Date(2026, 11, 31, 23, 59, 59),
    ])
      expect(clockTime(date)).toBe(date.toLocaleTimeString('en-GB', { hour12: false }).replace(/^24:/, '00:'));
    expect(clockTime(new Date(2026, 0, 1, 0, 5, 9))).toBe('00:05:09');
  });
});
