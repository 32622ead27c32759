/**
 * The documented JSON shapes (../shared/reference/lmstudio-api.md §2.3, §2.4, §3) built from the
 * emulator's state: REST v1 models, REST v0 models, `lms ps --json`, `lms ls --json`, OpenAI /v1/models.
 */
import type { EmulatedModel } from './catalog';
import type { EmulatedInstance } from './emulator-state';

/** A REST v1 loaded_instances[] entry. */
export function toV1Instance(model: EmulatedModel, instance: EmulatedInstance): Record<string, unknown> {
  const config: Record<string, unknown> = { context_length: instance.contextLength };
  if (model.type === 'llm') {
    config.eval_batch_size = instance.evalBatchSize;
    config.parallel = instance.parallel;
    config.flash_attention = instance.flashAttention;
    config.offload_kv_cache_to_gpu = instance.offloadKvCacheToGpu;
  }
  return { id: instance.id, config };
}

/** A REST v1 `GET /api/v1/models` entry. */
export function toV1Model(model: EmulatedModel, instances: readonly EmulatedInstance[]): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    type: model.type,
    publisher: model.publisher,
    key: model.key,
    display_name: model.displayName,
  };
  if (model.type === 'llm') entry.architecture = model.architecture;
  entry.quantization = { name: model.quantization.name, bits_per_weight: model.quantization.bitsPerWeight };
  entry.size_bytes = model.sizeBytes;
  entry.params_string = model.paramsString;
  entry.loaded_instances = instances.filter((i) => i.modelKey === model.key).map((i) => toV1Instance(model, i));
  entry.max_context_length = model.maxContextLength;
  entry.format = model.format;
  if (model.type === 'llm') {
    entry.capabilities = { vision: model.vision, trained_for_tool_use: model.trainedForToolUse };
  }
  entry.description = null;
  return entry;
}

/** A REST v0 `GET /api/v0/models` entry (0.3.x: no sizes; `loaded_context_length` when loaded). */
export function toV0Model(model: EmulatedModel, instances: readonly EmulatedInstance[]): Record<string, unknown> {
  const loaded = instances.find((i) => i.modelKey === model.key);
  const entry: Record<string, unknown> = {
    id: model.key,
    object: 'model',
    type: model.type === 'embedding' ? 'embeddings' : model.vision ? 'vlm' : 'llm',
    publisher: model.publisher,
    arch: model.architecture,
    compatibility_type: model.format,
    quantization: model.quantization.name,
    state: loaded ? 'loaded' : 'not-loaded',
    max_context_length: model.maxContextLength,
  };
  if (loaded) entry.loaded_context_length = loaded.contextLength;
  if (model.trainedForToolUse) entry.capabilities = ['tool_use'];
  return entry;
}

/** An `lms ls --json` entry (SDK ModelInfo). */
export function toLsEntry(model: EmulatedModel): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    type: model.type,
    modelKey: model.key,
    format: model.format,
    displayName: model.displayName,
    publisher: model.publisher,
    path: model.path,
    sizeBytes: model.sizeBytes,
    indexedModelIdentifier: model.path,
    deviceIdentifier: null,
    paramsString: model.paramsString,
    architecture: model.architecture,
    quantization: { name: model.quantization.name, bits: model.quantization.bitsPerWeight },
    maxContextLength: model.maxContextLength,
  };
  if (model.type === 'llm') {
    entry.vision = model.vision;
    entry.trainedForToolUse = model.trainedForToolUse;
  }
  return entry;
}

/** An `lms ps --json` entry (LLMInstanceInfo + status, queued, parallel). */
export function toPsEntry(model: EmulatedModel, instance: EmulatedInstance): Record<string, unknown> {
  return {
    ...toLsEntry(model),
    identifier: instance.id,
    ttlMs: instance.ttlSeconds === null ? null : instance.ttlSeconds * 1000,
    lastUsedTime: instance.lastUsedTime,
    contextLength: instance.contextLength,
    status: instance.activeRequests > 0 ? 'generating' : 'idle',
    queued: Math.max(0, instance.activeRequests - instance.parallel),
    parallel: model.type === 'llm' ? instance.parallel : null,
  };
}

/** An OpenAI `GET /v1/models` entry (ids only, per bug-tracker #2139). */
export function toOpenAiModel(id: string): Record<string, unknown> {
  return { id, object: 'model', owned_by: 'organization_owner' };
}
