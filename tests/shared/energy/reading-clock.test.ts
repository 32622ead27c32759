import { describe, expect, it } from 'vitest';
import { DRIVER_CLOCK_TRUST_MS, ReadingClock } from '../../../shared/energy/reading-clock';

const T0 = Date.parse('2026-11-26T03:00:00.000Z');
const HOUR = 3_600_000;

describe('reading clock', () => {
  it("uses the driver's time while it is within the trust limit of the sampler's (a delayed pipe does not skew it)", () => {
    const c = new ReadingClock();
    expect(c.place(T0, T0 - 800)).toBe(T0 - 800);
    expect(c.place(T0 + 1000, T0 + 1000 - DRIVER_CLOCK_TRUST_MS)).toBe(T0 + 1000 - DRIVER_CLOCK_TRUST_MS);
    expect(c.offsetMs).toBe(0);
  });

  it("falls back to the sampler's time when the driver gives none, and to the driver's when the sampler's does not parse", () => {
    const c = new ReadingClock();
    expect(c.place(T0, null)).toBe(T0);
    expect(c.place(T0, undefined)).toBe(T0);
    expect(c.place(T0, Date.parse('not a time'))).toBe(T0);
    expect(c.place(NaN, T0 + 5)).toBe(T0 + 5);
    expect(c.place(NaN, NaN)).toBeNaN();
  });

  it("places a driver clock 1 h off on the sampler's clock, keeping the driver's spacing despite sampler jitter", () => {
    const c = new ReadingClock();
    const jitter = [0, 180, 40, 350, 10];
    const placed = jitter.map((j, i) => c.place(T0 + i * 1000 + j, T0 + HOUR + i * 1000));
    expect(c.offsetMs).toBe(HOUR);
    expect(placed).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000]);
  });

  it('measures the offset again after a jump past the limit, and trusts a driver clock that came back', () => {
    const c = new ReadingClock();
    c.place(T0, T0 - HOUR);
    expect(c.offsetMs).toBe(-HOUR);
    expect(c.place(T0 + 1000, T0 + 2 * HOUR + 1000)).toBe(T0 + 1000);
    expect(c.offsetMs).toBe(2 * HOUR);
    expect(c.place(T0 + 2000, T0 + 1900)).toBe(T0 + 1900);
    expect(c.offsetMs).toBe(0);
  });
});
