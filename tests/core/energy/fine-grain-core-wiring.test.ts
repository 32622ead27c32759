/** The app core makes every answer Loadout tracks hold the monitor's fine-grain energy reads while it runs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import type { SamplingHardwareMonitor } from '../../../electron/core/hardware/hardware-monitor';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('fine-grain energy reads in the app core', () => {
  it("holds them from an answer's begin in the in-flight registry, and keeps them until a sample after its end", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fine-grain-'));
    dirs.push(dir);
    const core = createAppCore({
      dataDir: dir,
      env: { LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9', PATH: '' },
      onMessage: () => {},
    });
    try {
      const hardware = core.hardware as SamplingHardwareMonitor;
      expect(hardware.energyFineGrainWanted()).toBe(false);
      // What quick chat, routing, the endpoint, delegation and the bench's answers call for a local answer.
      const first = core.presets.inFlight.begin('qwen2.5-7b-instruct');
      const second = core.presets.inFlight.begin('llama-3.2-3b');
      expect(hardware.energyFineGrainWanted()).toBe(true);
      first();
      second();
      // Ended, but no sample has bracketed the end yet (the monitor is not even started here).
      expect(hardware.energyFineGrainWanted()).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});
