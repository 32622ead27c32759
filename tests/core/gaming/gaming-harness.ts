/**
 * Test harness for gaming mode: the LM Studio emulator, the real client (every load and unload it makes
 * recorded with its settings), a PresetsService, settings in a temp folder, a fake game list, a manual
 * clock for the grace window and a sampler pace that records slow/resume.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GamingMode } from '../../../electron/core/gaming/gaming-mode';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import type { LmStudioClient } from '../../../electron/core/lmstudio/client-types';
import { PresetsService } from '../../../electron/core/presets/presets-service';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import type { Settings } from '../../../shared/settings/schema';
import { sample as rtx3090Sample } from '../../support/catalog-fixture';
import {
  createLmStudioEmulator,
  FAKE_LMS_PATH,
  type LmStudioEmulator,
  type LmStudioEmulatorOptions,
} from '../../emulator/index';

/** Timers that fire only when the test says so. */
export class ManualTimers {
  private next = 1;
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  setTimeout = (run: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { run, ms });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  /** Fire every pending timer of this delay; how many fired. */
  fire(ms: number): number {
    const due = [...this.pending].filter(([, t]) => t.ms === ms);
    for (const [id, t] of due) {
      this.pending.delete(id);
      t.run();
    }
    return due.length;
  }
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }
}

export interface GamingHarness {
  emulator: LmStudioEmulator;
  presets: PresetsService;
  settings: SettingsStore;
  mode: GamingMode;
  timers: ManualTimers;
  /** The games the fake detector sees now. */
  games: string[];
  /** Whether the fake detector's pass saw everything (false: a source failed). */
  complete: boolean;
  /** Every load (`load KEY ctx=N`) and unload (`unload ID`) the app asked of LM Studio, in order. */
  calls: string[];
  /** `slow` / `resume` of the hardware sampler, in order. */
  pace: string[];
  loadedIds(): string[];
  /** Move the clock on (session durations). */
  advance(ms: number): void;
  /** Run one detection pass and wait for whatever it started (an unload, a restore). */
  pass(): Promise<void>;
  close(): Promise<void>;
}

export interface GamingHarnessOptions {
  emulator?: LmStudioEmulatorOptions;
  gaming?: Partial<Settings['gaming']>;
  busyWaitSeconds?: number;
}

/** Start an emulator, the services over it and gaming mode (on, started). */
export async function startGamingHarness(options: GamingHarnessOptions = {}): Promise<GamingHarness> {
  const emulator = await createLmStudioEmulator(options.emulator ?? {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gaming-'));
  const settings = new SettingsStore({ dataDir: dir });
  settings.update((s) => ({
    ...s,
    lmstudio: { ...s.lmstudio, busyWaitSeconds: options.busyWaitSeconds ?? 0 },
    gaming: { ...s.gaming, enabled: true, ...options.gaming },
  }));
  // The fake lms reports which instance is generating (`lms ps`), as LM Studio's own lms does.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_FAKE_LMS_LOG: path.join(dir, 'lms.log'),
    LM_API_TOKEN: '',
  };
  const real = createLmStudioClient({ env });
  const calls: string[] = [];
  const client: LmStudioClient = Object.assign(Object.create(real) as LmStudioClient, {
    load: (request: Parameters<LmStudioClient['load']>[0], callOptions?: Parameters<LmStudioClient['load']>[1]) => {
      calls.push(`load ${request.key}${request.contextLength ? ` ctx=${request.contextLength}` : ''}`);
      return real.load(request, callOptions);
    },
    unload: (id: string, callOptions?: Parameters<LmStudioClient['unload']>[1]) => {
      calls.push(`unload ${id}`);
      return real.unload(id, callOptions);
    },
  });
  const presets = new PresetsService({
    settings,
    client,
    getSample: () => rtx3090Sample(0.8 + emulator.state.usedBytes() / 1024 ** 3),
    busyPollMs: 10,
  });
  const timers = new ManualTimers();
  const pace: string[] = [];
  let clock = Date.parse('2026-12-07T20:00:00Z');
  const h: GamingHarness = {
    emulator,
    presets,
    settings,
    timers,
    games: [],
    complete: true,
    calls,
    pace,
    mode: null as unknown as GamingMode,
    advance: (ms) => {
      clock += ms;
    },
    loadedIds: () => h.emulator.state.instances.map((i) => i.id).sort(),
    async pass() {
      await h.mode.checkNow();
      await h.mode.settled();
    },
    async close() {
      h.mode.stop();
      await h.emulator.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  h.mode = new GamingMode({
    settings,
    presets,
    lmstudio: client,
    detector: {
      check: async () => ({
        games: h.games.map((name, i) => ({ name, exe: name, pid: 1000 + i, source: 'list' as const })),
        complete: h.complete,
        problems: h.complete
          ? []
          : [{ source: 'process-list' as const, detail: 'The process list could not be read.' }],
      }),
    },
    sampler: { slow: () => pace.push('slow'), resume: () => pace.push('resume') },
    timers,
    now: () => clock,
  });
  h.mode.start();
  return h;
}
