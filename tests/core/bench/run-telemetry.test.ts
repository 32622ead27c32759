/** Peaks and the energy of a run window from hardware samples (the shared energy integrator underneath). */
import { describe, expect, it } from 'vitest';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { integrateWindow, RunTelemetry, vramUsed } from '../../../electron/core/bench/run-telemetry';
import { sample as rtx3090Sample } from '../../support/catalog-fixture';

const T0 = Date.parse('2026-11-26T03:00:00.000Z');
const at = (
  ms: number,
  powerW: number | null,
  extra: { counterMJ?: number | null; vramGiB?: number; sampledAtMs?: number } = {},
): HardwareSample => {
  const s = rtx3090Sample(extra.vramGiB ?? 2);
  return {
    ...s,
    timestamp: new Date(T0 + ms).toISOString(),
    gpus: s.gpus.map((g) => ({
      ...g,
      powerW,
      energyCounterMJ: extra.counterMJ ?? null,
      sampledAt: new Date(T0 + (extra.sampledAtMs ?? ms)).toISOString(),
    })),
  };
};

describe('run window energy', () => {
  it('integrates power over exactly the window (trapezoid, clipped at both ends)', () => {
    const samples = [0, 1000, 2000, 3000, 4000].map((ms) => at(ms, 200));
    const e = integrateWindow(samples, T0 + 500, T0 + 3500);
    expect(e.joules).toBeCloseTo(600, 6);
    expect(e).toMatchObject({ method: 'power-integration', coverage: 1, unavailableReason: null });
  });

  it('prefers the hardware energy counter', () => {
    const samples = [0, 1000, 2000].map((ms, i) => at(ms, 999, { counterMJ: 1_000_000 + i * 250_000 }));
    const e = integrateWindow(samples, T0, T0 + 2000);
    expect(e.joules).toBeCloseTo(500, 6);
    expect(e.method).toBe('counter');
  });

  it('refuses a window the readings barely cover, and says why', () => {
    const e = integrateWindow([at(0, 200), at(1000, 200)], T0, T0 + 10_000);
    expect(e.joules).toBeNull();
    expect(e.unavailableReason).toContain('covered only 10 %');
    expect(integrateWindow([], T0, T0 + 1000).unavailableReason).toContain('No hardware samples');
    expect(integrateWindow([{ ...at(0, 1), gpus: [] }], T0, T0 + 1000).unavailableReason).toContain('No GPU readings');
  });

  it("uses the driver's reading time, placed on the sampler's clock when it is on another one (the shared reading clock)", () => {
    // A driver 800 ms late is trusted: the window [0.5 s, 3.5 s] of sampler time sees readings at -0.8..3.2 s.
    const late = [0, 1000, 2000, 3000, 4000].map((ms) => at(ms, ms < 2000 ? 100 : 300, { sampledAtMs: ms - 800 }));
    expect(integrateWindow(late, T0 + 500, T0 + 3500).joules).toBeCloseTo(
      integrateWindow(
        [0, 1000, 2000, 3000, 4000].map((ms) => at(ms - 800, ms < 2000 ? 100 : 300)),
        T0 + 500,
        T0 + 3500,
      ).joules!,
      6,
    );
    // A driver clock 1 h off (a replay, a time zone read wrong) is measured as if it were the sampler's, with its own spacing.
    for (const skew of [3_600_000, -3_600_000]) {
      const off = [0, 1000, 2000, 3000, 4000].map((ms) => at(ms, 200, { sampledAtMs: ms + skew }));
      expect(integrateWindow(off, T0 + 500, T0 + 3500)).toMatchObject({ joules: 600, coverage: 1 });
    }
  });
});

describe('run telemetry', () => {
  it('collects samples from the monitor and reports peaks since a time', () => {
    const listeners = new Set<(s: HardwareSample) => void>();
    const monitor = {
      subscribe: (l: (s: HardwareSample) => void) => (listeners.add(l), () => listeners.delete(l)),
      latest: () => at(0, 50, { vramGiB: 1 }),
    };
    const t = new RunTelemetry(monitor);
    t.start();
    for (const [ms, vram, w] of [
      [1000, 6, 300],
      [2000, 7, 340],
      [3000, 5, 120],
    ] as const)
      for (const l of listeners) l(at(ms, w, { vramGiB: vram }));
    t.stop();
    expect(listeners.size).toBe(0);
    expect(t.samples).toHaveLength(4);
    const p = t.peaks(T0 + 500);
    expect(p).toMatchObject({ samples: 3, peakVramBytes: 7 * 1024 ** 3, peakGpuPowerW: 340, gpuSource: 'nvml' });
    expect(vramUsed(null)).toBeNull();
  });
});
