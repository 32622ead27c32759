/**
 * Builds the benchmarks service from the core's parts: the LM Studio client, the presets service (its
 * plan, memory check, executor and in-flight registry), a hardware monitor and the data folder. The
 * chat service is built here over the same in-flight registry, so a preset switch never unloads the
 * model mid-benchmark, and over the energy tracker when there is one, so benchmark answers reach the ledger.
 */
import { listenerErrorsTo } from '../../../shared/events/listener-errors-to';
import { createChatService, type RequestEnergyRecorder } from '../chat/chat-service';
import type { HardwareMonitor } from '../hardware/monitor-types';
import type { LmStudioClient } from '../lmstudio/client-types';
import type { PresetsService } from '../presets/presets-service';
import type { BenchRunnerDeps } from './bench-runner';
import { BenchService } from './bench-service';
import { openBenchStore } from './bench-store';
import { createPresetModelLoader } from './ensure-model-loaded';

export interface CreateBenchServiceOptions {
  dataDir: string;
  lmstudio: LmStudioClient;
  presets: PresetsService;
  /** Must be started by the caller (the tray app keeps it running; the CLI starts it for the run). */
  hardware: Pick<HardwareMonitor, 'subscribe' | 'latest' | 'inventory'> | null;
  loadoutVersion: string;
  energy?: RequestEnergyRecorder;
  onMessage?: (message: string) => void;
  /** Overrides for tests (answer budgets, sample waits). */
  runner?: Partial<Pick<BenchRunnerDeps, 'suite' | 'warmupTokens' | 'sampleWaitMs' | 'now'>>;
}

/** The benchmarks service over the core's parts. */
export function createBenchService(options: CreateBenchServiceOptions): BenchService {
  const chat = createChatService({ inFlight: options.presets.inFlight, energy: options.energy });
  return new BenchService({
    openStore: () => {
      const { opened, store } = openBenchStore(options.dataDir, options.onMessage);
      return { store, close: () => opened.close() };
    },
    runner: {
      client: options.lmstudio,
      chat,
      loader: createPresetModelLoader(options.presets, options.lmstudio),
      monitor: options.hardware,
      loadoutVersion: options.loadoutVersion,
      ...options.runner,
    },
    onListenerError: listenerErrorsTo(options.onMessage, 'benchmarks service'),
  });
}
