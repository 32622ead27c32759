/**
 * The benchmark runner: checks LM Studio and the model, loads it as asked (through the preset
 * machinery), warms up, then runs the fixed suite N times with streaming, measuring each answer
 * (through the chat service) and the hardware around it (peak VRAM/RAM, GPU energy of the window).
 * Cancellable at any point; a model the bench loaded is unloaded again unless asked to keep it.
 */
import type { BenchProgress, BenchRunRequest } from '../../../shared/contract/bench';
import type { BenchResult, PromptMeasurement } from '../../../shared/bench/bench-record';
import { buildBenchSuite, type BenchPrompt, type BenchSuiteOptions } from '../../../shared/bench/bench-suite';
import { compareWithDocument, compareWithLoadout } from '../../../shared/bench/compare-estimates';
import { decideDevice } from '../../../shared/bench/decide-device';
import {
  generationSpeed,
  promptProcessingSpeed,
  summarizePrompts,
  summarizeRun,
} from '../../../shared/bench/summarize-run';
import type { MachineInventory } from '../../../shared/hardware/inventory';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { DEFAULT_CONTEXT_TOKENS } from '../../../shared/models/model-size';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import { ChatError, type ChatAnswer, type ChatEndpoint, type ChatService } from '../chat/chat-service';
import type { HardwareMonitor } from '../hardware/monitor-types';
import type { LmStudioClient } from '../lmstudio/client-types';
import { BenchError, isBenchError } from './bench-errors';
import { describeLmStudioUrl } from '../lmstudio/base-url';
import { lmStudioNotRunningMessage } from '../lmstudio/errors';
import type { ModelLoader } from './ensure-model-loaded';
import { integrateWindow, RunTelemetry, vramUsed } from './run-telemetry';

export interface BenchRunnerDeps {
  client: Pick<
    LmStudioClient,
    'detect' | 'listModels' | 'unload' | 'getOpenAiBaseUrl' | 'getToken' | 'getBaseUrl' | 'urlInUse'
  >;
  chat: ChatService;
  loader: ModelLoader;
  /** Telemetry source; null runs without VRAM/RAM/energy figures (they are then null with the reason). */
  monitor: Pick<HardwareMonitor, 'subscribe' | 'latest' | 'inventory' | 'holdEnergyFineGrain'> | null;
  loadoutVersion: string;
  /** Wall clock, Unix ms. */
  now?: () => number;
  /** Answer budgets or a subset of prompts (tests use short budgets; the contextLength comes from the load). */
  suite?: Omit<BenchSuiteOptions, 'contextLength'>;
  /** Tokens of the warm-up answer (default 16). */
  warmupTokens?: number;
  /** How long to wait for a fresh hardware sample around the load and after the run (ms, default 3000). */
  sampleWaitMs?: number;
}

export interface BenchRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
}

/** Resolves with the next sample published after the call, or null after `timeoutMs` or on abort. */
export function nextSample(
  monitor: Pick<HardwareMonitor, 'subscribe'> | null,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HardwareSample | null> {
  if (!monitor || timeoutMs <= 0 || signal?.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const finish = (s: HardwareSample | null) => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', onAbort);
      resolve(s);
    };
    const onAbort = () => finish(null);
    const off = monitor.subscribe((s) => finish(s));
    const timer = setTimeout(() => finish(null), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): BenchError {
  return new BenchError('cancelled', 'The benchmark was cancelled; nothing was stored.');
}

/** Run one benchmark and return its result (not stored yet: id 0). Rejects with BenchError only. */
export async function runBenchmark(
  request: BenchRunRequest,
  deps: BenchRunnerDeps,
  options: BenchRunOptions = {},
): Promise<BenchResult> {
  const now = deps.now ?? Date.now;
  const signal = options.signal;
  const waitMs = deps.sampleWaitMs ?? 3000;
  const t0 = now();
  let step = 0;
  let total = 0;
  const emit = (phase: BenchProgress['phase'], extra: Partial<BenchProgress> = {}) =>
    options.onProgress?.({
      modelKey: request.modelKey,
      phase,
      step,
      total,
      promptId: null,
      repetition: null,
      lastTokensPerSecond: null,
      elapsedMs: now() - t0,
      message: null,
      ...extra,
    });
  const check = () => {
    if (signal?.aborted) throw cancelled();
  };

  const telemetry = new RunTelemetry(deps.monitor);
  let unloadId: string | null = null;
  try {
    emit('checking', { message: `Checking LM Studio at ${deps.client.getBaseUrl()}` });
    const { model, lmStudioVersion } = await findModel(request.modelKey, deps, signal);
    telemetry.start();
    if (deps.monitor && !deps.monitor.latest()) await nextSample(deps.monitor, waitMs, signal);
    check();
    const vramBefore = vramUsed(telemetry.latest());

    emit('loading', {
      message: `Loading ${model.key}${request.contextLength ? ` with ${request.contextLength} tokens of context` : ''}${request.gpuOffload !== undefined ? `, GPU offload ${String(request.gpuOffload)}` : ''}`,
    });
    const loaded = await deps.loader
      .ensureLoaded(
        {
          key: model.key,
          ...(request.contextLength !== undefined ? { contextLength: request.contextLength } : {}),
          ...(request.gpuOffload !== undefined ? { gpuOffload: request.gpuOffload } : {}),
        },
        { signal, onProgress: (p) => emit('loading', { message: p.message ?? `${p.phase} ${p.key ?? ''}`.trim() }) },
      )
      .catch((error: unknown) => {
        if (signal?.aborted) throw cancelled();
        throw error;
      });
    if (loaded.loadedByBench && !request.keepLoaded) unloadId = loaded.instance.instanceId;
    check();
    const vramAfter = loaded.loadedByBench
      ? vramUsed((await nextSample(deps.monitor, waitMs, signal)) ?? telemetry.latest())
      : null;

    const contextLength = loaded.instance.contextLength ?? request.contextLength ?? DEFAULT_CONTEXT_TOKENS;
    const suite = buildBenchSuite({ ...deps.suite, contextLength });
    total = suite.length * request.runs;
    const endpoint: ChatEndpoint = {
      id: 'lmstudio',
      label: deps.client.getBaseUrl(),
      kind: 'local',
      openAiBaseUrl: deps.client.getOpenAiBaseUrl(),
      apiKey: await deps.client.getToken(),
      where: describeLmStudioUrl(deps.client.urlInUse()),
    };
    const ask = (prompt: Pick<BenchPrompt, 'system' | 'user' | 'maxTokens'>) =>
      askOnce(deps.chat, endpoint, loaded.instance.instanceId, model.key, prompt, signal);

    emit('warming-up', { message: 'Warming up (one short answer, not measured)' });
    await ask({ ...suite[0]!, maxTokens: deps.warmupTokens ?? 16 });

    const measurements: PromptMeasurement[] = [];
    const windowStart = now();
    for (let repetition = 1; repetition <= request.runs; repetition++) {
      for (const prompt of suite) {
        check();
        emit('running', {
          promptId: prompt.id,
          repetition,
          message: `Run ${repetition}/${request.runs}: ${prompt.id}`,
        });
        const answer = await ask(prompt);
        const m: PromptMeasurement = {
          promptId: prompt.id,
          repetition,
          tokensPerSecond: generationSpeed(answer),
          ttftMs: answer.ttftMs,
          promptTokens: answer.promptTokens,
          promptTokensPerSecond: promptProcessingSpeed(answer.promptTokens, answer.ttftMs),
          completionTokens: answer.completionTokens,
          totalMs: answer.durationMs,
          finishReason: answer.finishReason,
        };
        measurements.push(m);
        step++;
        emit('running', { promptId: prompt.id, repetition, lastTokensPerSecond: m.tokensPerSecond });
      }
    }
    const windowEnd = now();
    // One more reading after the last answer, so the energy window's tail is covered.
    await nextSample(deps.monitor, waitMs, signal);
    telemetry.stop();

    const summary = summarizeRun(suite, measurements);
    const energy = integrateWindow(telemetry.samples, windowStart, windowEnd);
    const totalWh = energy.joules === null ? null : energy.joules / 3600;
    const inventory = await readInventory(deps.monitor);
    const gpu = inventory?.gpus[0] ?? null;
    const device = decideDevice({
      gpuOffload: request.gpuOffload ?? null,
      modelBytes: model.sizeBytes,
      vramBeforeBytes: loaded.loadedByBench ? vramBefore : null,
      vramAfterBytes: vramAfter,
      hasGpu: inventory ? inventory.gpus.some((g) => (g.memoryTotalBytes ?? 0) > 0) : vramBefore !== null,
    });
    const compareInput = {
      modelKey: model.key,
      paramsString: model.paramsString,
      quantization: model.quantization,
      device: device.device,
      contextLength,
      gpuShare: device.gpuShare,
      measuredTokensPerSecond: summary.tokensPerSecond.median,
    };
    const doc = compareWithDocument(compareInput);
    const own = compareWithLoadout(
      compareInput,
      inventory ? buildMachineProfile(inventory, { contextTokens: contextLength }) : null,
    );

    return {
      id: 0,
      startedAt: new Date(t0).toISOString(),
      endedAt: new Date(now()).toISOString(),
      model: {
        key: model.key,
        displayName: model.displayName,
        quantization: model.quantization,
        paramsString: model.paramsString,
        sizeBytes: model.sizeBytes,
        format: model.format,
        architecture: model.architecture,
      },
      load: {
        contextLength,
        gpuOffload: request.gpuOffload ?? null,
        instanceId: loaded.instance.instanceId,
        loadedByBench: loaded.loadedByBench,
        loadSeconds: loaded.loadSeconds,
      },
      device: device.device,
      deviceReason: device.reason,
      runs: request.runs,
      versions: { lmStudio: lmStudioVersion, driver: gpu?.driverVersion ?? null, loadout: deps.loadoutVersion },
      hardware: {
        gpuName: gpu?.name ?? null,
        cpuName: inventory?.cpu.brand ?? null,
        vramTotalBytes: gpu?.memoryTotalBytes ?? null,
        ramTotalBytes: inventory?.memory.totalBytes ?? null,
      },
      summary,
      prompts: summarizePrompts(suite, measurements),
      measurements,
      telemetry: {
        ...telemetry.peaks(t0),
        vramBeforeLoadBytes: loaded.loadedByBench ? vramBefore : null,
        vramAfterLoadBytes: vramAfter,
      },
      energy: {
        totalWh,
        whPerRun: totalWh === null ? null : totalWh / request.runs,
        whPer1kTokens:
          totalWh === null || summary.completionTokens <= 0 ? null : (totalWh / summary.completionTokens) * 1000,
        method: energy.method,
        coverage: energy.coverage,
        unavailableReason: energy.unavailableReason,
      },
      estimates: { document: doc.estimate, documentNote: doc.note, loadout: own.estimate, loadoutNote: own.note },
      human: { rating: null, bestFor: null, issues: null, notes: null, ratedAt: null },
    };
  } catch (error) {
    if (isBenchError(error)) throw error;
    if (signal?.aborted) throw cancelled();
    throw new BenchError('chat-failed', error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    telemetry.stop();
    if (unloadId !== null) {
      emit('unloading', { message: `Unloading ${unloadId} (the benchmark loaded it)` });
      await deps.client.unload(unloadId).catch(() => undefined);
    }
  }
}

/** LM Studio must answer and have the model downloaded, as a text model. */
async function findModel(key: string, deps: BenchRunnerDeps, signal: AbortSignal | undefined) {
  const detection = await deps.client.detect({ signal }).catch((error: unknown) => {
    if (signal?.aborted) throw cancelled();
    throw new BenchError(
      'lmstudio-down',
      `Could not reach LM Studio at ${deps.client.getBaseUrl()}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
  if (!detection.running) {
    throw new BenchError(
      'lmstudio-down',
      `Nothing was benchmarked: ${lmStudioNotRunningMessage(detection.where ?? detection.baseUrl)}`,
    );
  }
  if (detection.authRequired && !detection.authorized) {
    throw new BenchError(
      'unauthorized',
      `LM Studio at ${detection.baseUrl} requires an API token. Set LM_API_TOKEN (CLI) or the token in Loadout's settings, then run the benchmark again.`,
    );
  }
  const catalog = await deps.client.listModels({ signal }).catch((error: unknown) => {
    if (signal?.aborted) throw cancelled();
    throw new BenchError(
      'lmstudio-down',
      `LM Studio did not list its models: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  });
  const model = catalog.find((m) => m.key === key) ?? catalog.find((m) => m.key.toLowerCase() === key.toLowerCase());
  if (!model) {
    const llms = catalog.filter((m) => m.type !== 'embedding').map((m) => m.key);
    const list = llms.length
      ? ` Downloaded: ${llms.slice(0, 12).join(', ')}${llms.length > 12 ? ', …' : ''}.`
      : ' LM Studio has no text models downloaded.';
    throw new BenchError(
      'not-downloaded',
      `"${key}" is not downloaded in LM Studio, so it cannot be benchmarked. Download it in LM Studio (Discover tab) or with \`lms get ${key}\`, or use one of the model keys it has.${list}`,
    );
  }
  if (model.type === 'embedding')
    throw new BenchError(
      'not-generative',
      `${model.key} is an embedding model: it does not generate text, so there is no speed to benchmark. Pick a text model.`,
    );
  return { model, lmStudioVersion: detection.version };
}

/** One streamed answer through the chat service, with its failures as BenchErrors. */
async function askOnce(
  chat: ChatService,
  endpoint: ChatEndpoint,
  instanceId: string,
  modelKey: string,
  prompt: Pick<BenchPrompt, 'system' | 'user' | 'maxTokens'>,
  signal: AbortSignal | undefined,
): Promise<ChatAnswer> {
  let answer: ChatAnswer;
  try {
    answer = await chat.chat({
      endpoint,
      model: instanceId,
      modelKey,
      signal,
      maxTokens: prompt.maxTokens,
      temperature: 0,
      messages: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
    });
  } catch (error) {
    if (error instanceof ChatError && error.code === 'cancelled') throw cancelled();
    if (signal?.aborted) throw cancelled();
    const message = error instanceof Error ? error.message : String(error);
    throw new BenchError(
      error instanceof ChatError && error.code === 'not-running' ? 'lmstudio-down' : 'chat-failed',
      `The benchmark stopped: ${message}`,
      { cause: error },
    );
  }
  if (answer.finishReason === 'cancelled' || signal?.aborted) throw cancelled();
  return answer;
}

async function readInventory(monitor: BenchRunnerDeps['monitor']): Promise<MachineInventory | null> {
  try {
    return monitor ? await monitor.inventory() : null;
  } catch {
    return null;
  }
}
