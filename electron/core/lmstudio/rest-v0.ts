/**
 * REST v0 (LM Studio 0.3.6+): the catalog only, one state per model and no sizes (reference §2.3). It has
 * no load or unload: on 0.3.x the client loads and unloads through `lms`.
 */
import type { CatalogModel } from '../../../shared/lmstudio/types';
import type { CallOptions } from './client-types';
import { unsupportedOperation } from './errors';
import type { LmStudioLevel, RestLevelContext } from './level';
import { readV0Models } from './map-v0';
import { getModelsList } from './rest-models-list';

/** The REST v0 level. */
export function createRestV0Level(context: Pick<RestLevelContext, 'http' | 'timeouts' | 'retries'>): LmStudioLevel {
  const listDownloaded = (call: CallOptions): Promise<CatalogModel[]> =>
    getModelsList(context, '/api/v0/models', readV0Models, call);

  return {
    name: 'rest-v0',
    knowsInstances: false,
    canLoad: () => false,
    canUnload: false,
    listDownloaded,
    listLoaded: async (call) => (await listDownloaded(call)).flatMap((m) => m.loadedInstances),
    load: () =>
      Promise.reject(
        unsupportedOperation('REST v0 (LM Studio 0.3.x)', 'load models', 'Loadout loads through the lms CLI'),
      ),
    unload: () =>
      Promise.reject(
        unsupportedOperation('REST v0 (LM Studio 0.3.x)', 'unload models', 'Loadout unloads through the lms CLI'),
      ),
  };
}
