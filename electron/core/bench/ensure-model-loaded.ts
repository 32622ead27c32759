/**
 * Loads the model to benchmark through the preset machinery: a one-model, non-exclusive preset is
 * planned against LM Studio's live state (an instance already loaded with the asked settings is kept),
 * checked against free memory before anything changes, then run by the presets executor with progress.
 */
import type { PresetProgress } from '../../../shared/contract/presets';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { GpuOffload, Preset } from '../../../shared/presets/schema';
import type { LmStudioClient } from '../lmstudio/client-types';
import { executePresetPlan } from '../presets/executor';
import type { PresetsService } from '../presets/presets-service';
import { BenchError } from './bench-errors';

export interface LoadAsAsked {
  key: string;
  contextLength?: number;
  gpuOffload?: GpuOffload;
}

export interface EnsureLoadedResult {
  instance: LoadedInstance;
  /** True when this call loaded it (then the bench unloads it afterwards unless asked to keep it). */
  loadedByBench: boolean;
  loadSeconds: number | null;
}

/** Gets a model loaded as asked; the runner depends on this, tests may pass their own. */
export interface ModelLoader {
  ensureLoaded(
    request: LoadAsAsked,
    options: { signal?: AbortSignal; onProgress?: (p: PresetProgress) => void },
  ): Promise<EnsureLoadedResult>;
}

/** A ModelLoader over the presets service (plan + memory check) and its executor. */
export function createPresetModelLoader(
  presets: PresetsService,
  client: Pick<LmStudioClient, 'load' | 'unload' | 'listLoaded'>,
  now: () => number = Date.now,
): ModelLoader {
  return {
    async ensureLoaded(request, options) {
      const model: Preset['models'][number] = { key: request.key };
      if (request.contextLength !== undefined) model.contextLength = request.contextLength;
      if (request.gpuOffload !== undefined) model.gpuOffload = request.gpuOffload;
      const preset: Preset = {
        id: 'benchmark',
        name: `Benchmark ${request.key}`,
        description: '',
        models: [model],
        exclusive: false,
        builtIn: false,
      };
      const prepared = await presets.prepare(preset, options.signal);
      if (prepared.resolved.models.length === 0) {
        throw new BenchError(
          'not-downloaded',
          prepared.resolved.missing.map((m) => m.message).join('; ') ||
            `${request.key} is not downloaded in LM Studio.`,
        );
      }
      const kept = prepared.plan.steps.find(
        (s) =>
          s.action === 'keep' &&
          s.key === prepared.resolved.models[0]!.key &&
          s.reason === 'already loaded with these settings',
      );
      if (kept?.instance) return { instance: kept.instance, loadedByBench: false, loadSeconds: null };
      if (!prepared.fit.fits) {
        throw new BenchError(
          'load-failed',
          `${request.key} was not loaded: ${prepared.fit.message ?? 'it does not fit in the free memory.'} Nothing was changed.`,
        );
      }
      const started = now();
      const outcome = await executePresetPlan(
        prepared.plan,
        { client, inFlight: presets.inFlight },
        {
          presetId: preset.id,
          previous: prepared.current,
          signal: options.signal,
          onProgress: options.onProgress,
          busyWaitMs: 0,
          restoreOnFailure: false,
        },
      );
      if (outcome.result === 'cancelled')
        throw new BenchError('cancelled', 'The benchmark was cancelled while loading the model.');
      if (outcome.result !== 'ok')
        throw new BenchError('load-failed', outcome.message ?? `LM Studio could not load ${request.key}.`);
      const loadedId = outcome.completed.find((s) => s.action === 'load')?.instanceId ?? null;
      const live = await client.listLoaded({ signal: options.signal });
      const instance = live.find((i) => i.instanceId === loadedId) ?? live.find((i) => i.modelKey === request.key);
      if (!instance)
        throw new BenchError(
          'load-failed',
          `LM Studio reported ${request.key} loaded, but it is not in the list of loaded models. Check LM Studio and try again.`,
        );
      return { instance, loadedByBench: true, loadSeconds: (now() - started) / 1000 };
    },
  };
}
