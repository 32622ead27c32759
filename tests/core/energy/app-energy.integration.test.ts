import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppEnergy } from '../../../electron/core/energy/app-energy';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { sampleOf } from '../../support/h200-trace';
import { startHarness } from '../../support/emulator-harness';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const instance = (modelKey: string): LoadedInstance => ({
  instanceId: modelKey,
  modelKey,
  contextLength: 8192,
  gpuOffload: null,
  ttlSeconds: null,
  flashAttention: null,
  offloadKvCacheToGpu: null,
  status: null,
});

describe('energy in the app core', () => {
  it("opens the ledger at the first sample, attributes to the active preset, loaded models and Loadout's own requests", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-app-energy-'));
    dirs.push(dataDir);
    const listeners = new Set<(s: HardwareSample) => void>();
    const inFlight = new InFlightRegistry();
    const energy = createAppEnergy({
      dataDir,
      settings: new SettingsStore({ dataDir }),
      hardware: { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
      presets: {
        list: () => ({ presets: [], activePresetId: 'coding', pinned: [], applyingPresetId: null }),
        inFlight,
        onChanged: () => () => undefined,
      },
      lmstudio: {
        listLoaded: async () => [instance('qwen'), instance('llama')],
        onLoadedChanged: () => () => undefined,
      },
    });
    expect(fs.existsSync(path.join(dataDir, 'loadout.db'))).toBe(false);
    const t0 = Date.UTC(2026, 10, 26, 9, 0, 0);
    const emit = (t: number, powerW: number) => listeners.forEach((l) => l(sampleOf(t, { powerW, util: 0 })));
    emit(t0, 100);
    expect(fs.existsSync(path.join(dataDir, 'loadout.db'))).toBe(true);
    // The first LM Studio read is asynchronous: wait for it rather than for a fixed time (flaky on busy cores).
    await vi.waitFor(() => expect(energy.context().loadedModelKeys.sort()).toEqual(['llama', 'qwen']), {
      timeout: 10_000,
    });
    const end = inFlight.begin('qwen');
    for (let t = t0 + 1000; t <= t0 + 30_000; t += 1000) emit(t, 100);
    end();
    for (let t = t0 + 31_000; t <= t0 + 60_000; t += 1000) emit(t, 100);
    const service = energy.service();
    expect(service.tracker.measured().joules).toBeCloseTo(6000, 6);
    service.tracker.flush();
    const report = buildEnergyReport(service.ledger, {
      fromMs: t0,
      toMs: t0 + 120_000,
      by: 'model',
      settings: new SettingsStore({ dataDir }).get(),
    });
    expect(report.rows.map((r) => r.key).sort()).toEqual(['llama', 'qwen']);
    const byPreset = buildEnergyReport(service.ledger, {
      fromMs: t0,
      toMs: t0 + 120_000,
      by: 'preset',
      settings: new SettingsStore({ dataDir }).get(),
    });
    expect(byPreset.rows[0]).toMatchObject({ key: 'coding', seconds: { inferring: 30, loadedIdle: 30, idleEmpty: 0 } });
    energy.dispose();
    expect(listeners.size).toBe(0);
  });

  it('attributes to a preset from the moment a switch to it succeeds', async () => {
    const h = await startHarness();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-app-energy-'));
    dirs.push(dataDir);
    const energy = createAppEnergy({
      dataDir,
      settings: h.settings,
      hardware: { subscribe: () => () => undefined },
      presets: h.service,
      lmstudio: { listLoaded: async () => [], onLoadedChanged: () => () => undefined },
    });
    try {
      expect(energy.context().presetId).toBeNull();
      expect((await h.service.apply('light')).result).toBe('ok');
      expect(energy.context().presetId).toBe('light');
      expect((await h.service.apply('gaming')).result).toBe('ok');
      expect(energy.context().presetId).toBe('gaming');
    } finally {
      energy.dispose();
      await h.close();
    }
  });
});
