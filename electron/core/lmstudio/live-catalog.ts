/**
 * The catalog as the client returns it: a REST level's list, with the instances, statuses and paths
 * that only `lms` knows, and what Loadout itself asked `lms` for (no API reports GPU offload or TTL back).
 */
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { isLmStudioError, type CallOptions } from './client-types';
import type { LmStudioLevel, RequestedConfigs } from './level';
import type { LmsRunner } from './lms-runner';
import { enrichInstance } from './requested-configs';

/** The REST catalog with `lms ps` merged in; `withProcesses` asks for statuses (a level without instance ids always needs them). */
export async function readLiveCatalog(
  rest: LmStudioLevel,
  lms: LmsRunner,
  requested: RequestedConfigs,
  call: CallOptions,
  withProcesses: boolean,
): Promise<CatalogModel[]> {
  const models = await rest.listDownloaded(call);
  const ps = withProcesses || !rest.knowsInstances ? await lms.tryListProcesses(call) : null;
  if (rest.knowsInstances || ps) {
    const live = new Set(
      rest.knowsInstances
        ? models.flatMap((m) => m.loadedInstances.map((i) => i.instanceId))
        : (ps ?? []).map((p) => p.identifier),
    );
    requested.keepOnly(live);
  }
  for (const model of models) {
    if (!rest.knowsInstances && ps) {
      // v0 lists one state per model; `lms ps` has the real instances (ids like key:2).
      model.loadedInstances = ps
        .filter((p) => p.modelKey.toLowerCase() === model.key.toLowerCase())
        .map((p) => ({
          instanceId: p.identifier,
          modelKey: model.key,
          contextLength: p.contextLength,
          gpuOffload: null,
          ttlSeconds: null,
          flashAttention: null,
          offloadKvCacheToGpu: null,
          status: null,
        }));
    }
    model.loadedInstances = model.loadedInstances.map((i) =>
      enrichInstance(
        i,
        requested,
        ps?.find((p) => p.identifier === i.instanceId),
      ),
    );
  }
  return models;
}

/** Fills in each model's local file path from `lms ls` when lms is there; the catalog stays usable without it. */
export async function addLocalPaths(
  models: CatalogModel[],
  lms: LmsRunner,
  hasLms: boolean,
  call: CallOptions,
): Promise<void> {
  if (!hasLms) return;
  try {
    const files = await lms.listLocalFiles(call);
    for (const model of models) {
      const file = files.find((f) => f.modelKey.toLowerCase() === model.key.toLowerCase());
      if (file) model.path = file.absolutePath ?? file.path;
    }
  } catch (error) {
    if (isLmStudioError(error, 'aborted')) throw error;
  }
}
