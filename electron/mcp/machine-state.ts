/**
 * What the tool descriptions say about this machine: the loaded models and what the stored
 * benchmarks say of them. Kept from the app API's events (models.changed, presets.changed,
 * bench.saved) so `tools/list` does not ask LM Studio each time, and so a change of the loaded set
 * can be told to the client (`notifications/tools/list_changed`).
 */
import type { BenchResult } from '../../shared/bench/bench-record';
import type { ContractClient } from '../../shared/contract/client';
import type { ModelsState } from '../../shared/contract/models';

export interface MachineState {
  /** null until LM Studio was asked once. */
  models: ModelsState | null;
  bench: readonly BenchResult[];
}

export interface MachineStateWatch {
  /** The state, read once on first use and kept current by events afterwards. */
  current(): Promise<MachineState>;
  /** Called when the set of loaded models changed; returns the unsubscribe function. */
  onLoadedSetChanged(listener: () => void): () => void;
  close(): void;
}

/** The loaded set as a comparable string: which instances of which models. */
function loadedSignature(models: ModelsState | null): string {
  return (models?.loaded ?? [])
    .map((m) => `${m.instanceId}=${m.modelKey}`)
    .sort()
    .join(',');
}

/** Watch the machine through `client`. */
export function watchMachineState(client: ContractClient): MachineStateWatch {
  let state: MachineState = { models: null, bench: [] };
  let first: Promise<MachineState> | null = null;
  const listeners = new Set<() => void>();

  const setModels = (models: ModelsState) => {
    const before = loadedSignature(state.models);
    const known = state.models !== null;
    state = { ...state, models };
    if (known && before !== loadedSignature(models)) for (const l of [...listeners]) l();
  };
  const readModels = async () => {
    const response = await client.call('models.list', undefined);
    if (response.ok) setModels(response.result);
  };
  const readBench = async () => {
    const response = await client.call('bench.list', undefined);
    if (response.ok) state = { ...state, bench: response.result };
  };

  const offs = [
    client.on('models.changed', setModels),
    // A switch changes the loaded set; models.changed follows it, but a switch run elsewhere may not refresh it here.
    client.on('presets.changed', () => void readModels()),
    client.on('bench.saved', () => void readBench()),
  ];
  return {
    current() {
      first ??= Promise.all([readModels(), readBench()]).then(() => state);
      return first.then(() => state);
    },
    onLoadedSetChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const off of offs.splice(0)) off();
      listeners.clear();
    },
  };
}

/** The newest stored benchmark of a model, or undefined. */
export function latestBench(bench: readonly BenchResult[], modelKey: string): BenchResult | undefined {
  // bench.list is newest first.
  return bench.find((b) => b.model.key === modelKey);
}

/** One line per loaded model with what the evidence says: "qwen2.5-7b-instruct (7B Q4_K_M, 32768 ctx; 95 tok/s measured; rated 4/5, best for code)". */
export function describeLoadedModels(state: MachineState): string {
  if (!state.models) return 'Loaded models: not read yet.';
  if (!state.models.reachable)
    return `LM Studio is not reachable now${state.models.message ? ` (${state.models.message})` : ''}.`;
  if (!state.models.loaded.length)
    return 'No model is loaded now; ask may decline until a preset is applied (apply_preset).';
  const lines = state.models.loaded.map((m) => {
    const catalog = state.models!.catalog.find((c) => c.key === m.modelKey);
    const facts = [
      catalog?.paramsString,
      catalog?.quantization,
      m.contextLength ? `${m.contextLength} ctx` : null,
      catalog?.capabilities.vision ? 'vision' : null,
    ]
      .filter(Boolean)
      .join(' ');
    const bench = latestBench(state.bench, m.modelKey);
    const evidence: string[] = [];
    if (bench?.summary.tokensPerSecond.median != null)
      evidence.push(`${Math.round(bench.summary.tokensPerSecond.median)} tok/s measured`);
    if (bench?.human.rating != null) evidence.push(`rated ${bench.human.rating}/5`);
    if (bench?.human.bestFor) evidence.push(`best for ${bench.human.bestFor}`);
    return `- ${m.modelKey}${facts ? ` (${facts})` : ''}${evidence.length ? `; ${evidence.join('; ')}` : '; not benchmarked yet'}`;
  });
  return `Loaded now:\n${lines.join('\n')}`;
}
