/**
 * Test harness: a PresetsService wired to the real LM Studio client, an LM Studio emulator, the fake
 * `lms`, settings in a temp folder and a chosen hardware sample.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HardwareSample } from '../../shared/hardware/sample';
import { sample as rtx3090Sample } from './catalog-fixture';
import { createLmStudioClient } from '../../electron/core/lmstudio/client';
import { PresetsService } from '../../electron/core/presets/presets-service';
import { SettingsStore } from '../../electron/core/settings/settings-store';
import {
  createLmStudioEmulator,
  FAKE_LMS_PATH,
  type LmStudioEmulator,
  type LmStudioEmulatorOptions,
} from '../emulator/index';

export interface Harness {
  emulator: LmStudioEmulator;
  service: PresetsService;
  settings: SettingsStore;
  /** Set the sample the memory check sees. */
  setSample(sample: HardwareSample | null): void;
  /** Emulator calls that change state: loads and unloads over REST v1 or through the fake lms. */
  mutations(): { loads: number; unloads: number };
  /** The loaded instance ids, sorted. */
  loadedIds(): string[];
  /** Fake lms invocations (argv lists). */
  lmsCalls(): string[][];
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: LmStudioEmulatorOptions;
  /** Base URL override (e.g. a closed port for "LM Studio down"). */
  baseUrl?: string;
  env?: NodeJS.ProcessEnv;
  /** A fixed sample; default: the RTX 3090 box with `otherVramGiB` used by other programs plus what the emulator has loaded. */
  sample?: HardwareSample | null;
  otherVramGiB?: number;
  restoreOnFailure?: boolean;
  busyWaitSeconds?: number;
}

/** Start an emulator and a service against it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await createLmStudioEmulator(options.emulator ?? {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-presets-'));
  const lmsLog = path.join(dir, 'lms.log');
  const settings = new SettingsStore({ dataDir: dir });
  settings.update((s) => ({
    ...s,
    lmstudio: {
      ...s.lmstudio,
      restoreOnFailure: options.restoreOnFailure ?? true,
      busyWaitSeconds: options.busyWaitSeconds ?? 0,
    },
  }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_FAKE_LMS_LOG: lmsLog,
    LM_API_TOKEN: '',
    ...options.env,
  };
  const client = createLmStudioClient({ env, baseUrl: options.baseUrl });
  let sample: HardwareSample | null | undefined = options.sample;
  const live = () => rtx3090Sample((options.otherVramGiB ?? 0.8) + emulator.state.usedBytes() / 1024 ** 3);
  const service = new PresetsService({
    settings,
    client,
    getSample: () => (sample === undefined ? live() : sample),
    busyPollMs: 20,
  });
  const isMutation = (c: { method: string; path: string }, kind: 'load' | 'unload') =>
    c.method === 'POST' && (c.path === `/api/v1/models/${kind}` || c.path === `/__emulator/lms/${kind}`);
  return {
    emulator,
    service,
    settings,
    setSample: (s) => {
      sample = s;
    },
    mutations: () => ({
      loads: emulator.state.calls.filter((c) => isMutation(c, 'load')).length,
      unloads: emulator.state.calls.filter((c) => isMutation(c, 'unload')).length,
    }),
    loadedIds: () => emulator.state.instances.map((i) => i.id).sort(),
    lmsCalls: () =>
      fs.existsSync(lmsLog)
        ? fs
            .readFileSync(lmsLog, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string[])
        : [],
    async close() {
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
