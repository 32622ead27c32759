import { describe, expect, it } from 'vitest';
import { localParts, parseSince } from '../../../shared/energy/report-period';

describe('report period', () => {
  const now = Date.UTC(2026, 10, 26, 15, 0, 0);
  it('reads 24h, 7d, 30d and today', () => {
    expect(parseSince('24h', now)).toBe(now - 86_400_000);
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseSince('30d', now)).toBe(now - 30 * 86_400_000);
    const today = parseSince('today', now)!;
    expect(localParts(today).minute).toBe(0);
    expect(localParts(today).day).toBe(localParts(now).day);
  });
  it('rejects anything else', () => {
    for (const bad of ['', '7', 'd7', '-1d', '0h', 'week']) expect(parseSince(bad, now)).toBeNull();
  });
  it('gives the local day, minute of day and weekday', () => {
    const d = new Date(2026, 10, 26, 13, 45);
    expect(localParts(d.getTime())).toEqual({ day: '2026-11-26', minute: 13 * 60 + 45, dow: 4 });
  });
});
