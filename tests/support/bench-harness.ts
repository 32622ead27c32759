/**
 * Test harness for benchmarks: the LM Studio emulator (configurable tok/s and TTFT), the real LM Studio
 * client with the fake `lms`, the real presets service, a results store in a temp LOADOUT_HOME, and a
 * scripted hardware monitor that reads the emulator's state: VRAM = the desktop's 0.8 GiB + what the
 * emulator has loaded, GPU power at a fixed draw, the RTX 3090 box's inventory from the profile fixture.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MachineInventory } from '../../shared/hardware/inventory';
import type { HardwareSample } from '../../shared/hardware/sample';
import type { BenchRunnerDeps } from '../../electron/core/bench/bench-runner';
import type { BenchService } from '../../electron/core/bench/bench-service';
import { createBenchService } from '../../electron/core/bench/create-bench-service';
import type { HardwareMonitor } from '../../electron/core/hardware/monitor-types';
import { createLmStudioClient } from '../../electron/core/lmstudio/client';
import { withLoadEvents, type ObservedLmStudioClient } from '../../electron/core/lmstudio/load-events';
import { PresetsService } from '../../electron/core/presets/presets-service';
import { SettingsStore } from '../../electron/core/settings/settings-store';
import { RTX3090_INVENTORY } from './inventory-fixture';
import { sample as rtx3090Sample } from './catalog-fixture';
import {
  createLmStudioEmulator,
  FAKE_LMS_PATH,
  type LmStudioEmulator,
  type LmStudioEmulatorOptions,
} from '../emulator/index';

/** Short answers keep a 3-run suite to a few seconds at 200 tok/s; the measurement is the same. */
export const FAST_SUITE: NonNullable<BenchRunnerDeps['suite']> = {
  maxTokens: { short: 40, long: 80, code: 60, 'long-context': 40 },
};

/** A hardware monitor that publishes a sample every `intervalMs`, computed from the emulator's state. */
export class ScriptedMonitor implements Pick<
  HardwareMonitor,
  'subscribe' | 'latest' | 'inventory' | 'start' | 'stop' | 'history'
> {
  private readonly listeners = new Set<(s: HardwareSample) => void>();
  private timer: NodeJS.Timeout | null = null;
  private last: HardwareSample | null = null;
  powerW = 300;

  constructor(
    private readonly emulator: LmStudioEmulator,
    private readonly intervalMs = 50,
    private readonly gpu = true,
  ) {}

  private read(): HardwareSample {
    const s = rtx3090Sample(0.8 + this.emulator.state.usedBytes() / 1024 ** 3, 80, this.gpu);
    const now = new Date().toISOString();
    return { ...s, timestamp: now, gpus: s.gpus.map((g) => ({ ...g, powerW: this.powerW, sampledAt: now })) };
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.last = this.read();
      for (const l of [...this.listeners]) l(this.last);
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
  }
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
  subscribe(listener: (s: HardwareSample) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  latest(): HardwareSample | null {
    return this.last;
  }
  history(): HardwareSample[] {
    return this.last ? [this.last] : [];
  }
  async inventory(): Promise<MachineInventory> {
    return this.gpu
      ? RTX3090_INVENTORY
      : { ...RTX3090_INVENTORY, gpus: [], gpuUnavailableReason: 'no NVIDIA driver found' };
  }
}

export interface BenchHarness {
  emulator: LmStudioEmulator;
  monitor: ScriptedMonitor;
  bench: BenchService;
  /** The client the bench and the presets service share, with load events like the app core's. */
  lmstudio: ObservedLmStudioClient;
  presets: PresetsService;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export interface BenchHarnessOptions {
  emulator?: LmStudioEmulatorOptions;
  /** Point the client here instead of the emulator (e.g. a closed port: LM Studio down). */
  baseUrl?: string;
  gpu?: boolean;
}

/** Start an emulator, a scripted monitor and a benchmarks service against them. */
export async function startBenchHarness(options: BenchHarnessOptions = {}): Promise<BenchHarness> {
  const emulator = await createLmStudioEmulator(options.emulator ?? {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOADOUT_HOME: dataDir,
    LOADOUT_LMSTUDIO_URL: options.baseUrl ?? emulator.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_FAKE_LMS_LOG: path.join(dataDir, 'lms.log'),
    LM_API_TOKEN: '',
  };
  const settings = new SettingsStore({ dataDir });
  const lmstudio = withLoadEvents(createLmStudioClient({ env }));
  const monitor = new ScriptedMonitor(emulator, 50, options.gpu ?? true);
  monitor.start();
  const presets = new PresetsService({ settings, client: lmstudio, getSample: () => monitor.latest() });
  const bench = createBenchService({
    dataDir,
    lmstudio,
    presets,
    hardware: monitor,
    loadoutVersion: '0.1.0-test',
    runner: { suite: FAST_SUITE, warmupTokens: 4, sampleWaitMs: 500 },
  });
  return {
    emulator,
    monitor,
    bench,
    lmstudio,
    presets,
    dataDir,
    env,
    async close() {
      bench.dispose();
      await monitor.stop();
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
