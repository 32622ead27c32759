/**
 * REST v1 (LM Studio ≥ 0.4): the catalog with loaded instances, load and unload. It cannot carry GPU
 * offload, TTL or an identifier (reference §2.4); the client sends those loads to `lms`.
 */
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';
import type { CallOptions, LoadRequest, LoadResult } from './client-types';
import { badResponseError, extractLmStudioCode, extractLmStudioMessage, loadError, unloadError } from './errors';
import { isUnknownRouteAnswer, requestJson } from './http-json';
import type { LmStudioLevel, RestLevelContext } from './level';
import { readV1Models } from './map-v1';
import { getModelsList } from './rest-models-list';
import { readBody } from './schemas/read-body';
import { V1LoadAnswerSchema, V1UnloadAnswerSchema } from './schemas/v1-bodies';

/** The REST v1 level. */
export function createRestV1Level(context: RestLevelContext): LmStudioLevel {
  const { http, timeouts, now, requested } = context;

  const listDownloaded = (call: CallOptions): Promise<CatalogModel[]> =>
    getModelsList(context, '/api/v1/models', readV1Models, call);

  async function load(request: LoadRequest, call: CallOptions): Promise<LoadResult> {
    const started = now();
    const body: Record<string, unknown> = { model: request.key, echo_load_config: true };
    if (request.contextLength !== undefined) body.context_length = request.contextLength;
    if (request.flashAttention !== undefined) body.flash_attention = request.flashAttention;
    if (request.offloadKvCacheToGpu !== undefined) body.offload_kv_cache_to_gpu = request.offloadKvCacheToGpu;
    const answer = await requestJson(http, {
      method: 'POST',
      path: '/api/v1/models/load',
      body,
      timeoutMs: call.timeoutMs ?? timeouts.loadMs,
      signal: call.signal,
    });
    if (answer.status !== 200 || isUnknownRouteAnswer(answer)) {
      const message = extractLmStudioMessage(answer.body);
      if (answer.status === 200 && message?.startsWith('Unexpected endpoint')) {
        throw badResponseError(
          http.baseUrl,
          'POST /api/v1/models/load',
          'the route is unknown to this LM Studio',
          200,
          message,
        );
      }
      throw loadError(request.key, message, answer.status, extractLmStudioCode(answer.body));
    }
    const read = readBody(V1LoadAnswerSchema, answer.body, '/api/v1/models/load');
    if (!read.ok) throw read.error;
    const { instance_id: instanceId, load_config: config, load_time_seconds: reported } = read.value;
    // A fresh REST load: whatever Loadout once asked `lms` for under this (reused) id no longer applies.
    requested.forget(instanceId);
    const instance: LoadedInstance = {
      instanceId,
      modelKey: request.key,
      contextLength: config?.context_length ?? request.contextLength ?? null,
      gpuOffload: null,
      ttlSeconds: null,
      flashAttention: config?.flash_attention ?? request.flashAttention ?? null,
      offloadKvCacheToGpu: config?.offload_kv_cache_to_gpu ?? request.offloadKvCacheToGpu ?? null,
      status: 'idle',
    };
    return { instance, via: 'rest-v1', loadTimeSeconds: reported ?? (now() - started) / 1000 };
  }

  async function unload(instanceId: string, call: CallOptions): Promise<void> {
    const answer = await requestJson(http, {
      method: 'POST',
      path: '/api/v1/models/unload',
      body: { instance_id: instanceId },
      timeoutMs: call.timeoutMs ?? timeouts.unloadMs,
      signal: call.signal,
    });
    if (answer.status !== 200 || isUnknownRouteAnswer(answer)) {
      throw unloadError(instanceId, extractLmStudioMessage(answer.body), answer.status === 200 ? null : answer.status);
    }
    const read = readBody(V1UnloadAnswerSchema, answer.body, '/api/v1/models/unload');
    if (!read.ok) throw read.error;
    requested.forget(instanceId);
  }

  return {
    name: 'rest-v1',
    knowsInstances: true,
    canLoad: (request) =>
      request.gpuOffload === undefined && request.ttlSeconds === undefined && request.identifier === undefined,
    canUnload: true,
    listDownloaded,
    listLoaded: async (call) => (await listDownloaded(call)).flatMap((m) => m.loadedInstances),
    load,
    unload,
  };
}
