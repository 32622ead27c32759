/**
 * What Loadout asked `lms` to load with (GPU offload, TTL), kept per instance because no API reports it
 * back, and merged with what `lms ps` says into the instances the client returns.
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { LmsProcessInfo } from './client-types';
import type { RequestedConfig, RequestedConfigs } from './level';

/** An empty memory of requested configs. */
export function createRequestedConfigs(): RequestedConfigs {
  const byId = new Map<string, RequestedConfig>();
  return {
    remember: (id, config) => void byId.set(id, config),
    forget: (id) => void byId.delete(id),
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
    keepOnly(live) {
      for (const id of byId.keys()) if (!live.has(id)) byId.delete(id);
    },
  };
}

/** An instance with what Loadout requested and what `lms ps` says filled in where LM Studio's list is silent. */
export function enrichInstance(
  instance: LoadedInstance,
  requested: RequestedConfigs,
  ps: LmsProcessInfo | undefined,
): LoadedInstance {
  const mine = requested.get(instance.instanceId);
  return {
    ...instance,
    contextLength: instance.contextLength ?? ps?.contextLength ?? null,
    gpuOffload: instance.gpuOffload ?? mine?.gpuOffload ?? ps?.gpuOffload ?? null,
    ttlSeconds: instance.ttlSeconds ?? ps?.ttlSeconds ?? mine?.ttlSeconds ?? null,
    status: ps?.status ?? instance.status,
  };
}
