/** App API handlers for `models.*`: LM Studio's catalog and loaded models, and unloading. */
import {
  unavailableError,
  type ContractEventSink,
  type ContractHandlers,
  type LoadedModel,
  type MethodName,
  type ModelsState,
} from '../../../../shared/contract';
import type { CatalogModel, LoadedInstance } from '../../../../shared/lmstudio/types';
import { isPinned } from '../../../../shared/presets/plan';
import type { LmStudioClient } from '../../lmstudio/client-types';
import type { ApiServices } from './api-services';
import { toLmStudioApiError } from './lmstudio-api-error';

type ModelsHandlers = Pick<ContractHandlers, 'models.list' | 'models.unload' | 'models.unloadAll'>;

/** Build the models handlers; unloads are followed by a `models.changed` event. */
export function createModelsHandlers(services: ApiServices, events: ContractEventSink): ModelsHandlers {
  const client = (method: MethodName): LmStudioClient => {
    if (!services.lmstudio) throw unavailableError(method, 'LM Studio client', 'Restart Loadout.');
    return services.lmstudio;
  };
  const announce = async (lm: LmStudioClient) => {
    events.emit('models.changed', await readModelsState(lm, services.settings.get().pinned));
  };
  return {
    async 'models.list'() {
      return readModelsState(client('models.list'), services.settings.get().pinned);
    },
    async 'models.unload'({ instanceId }) {
      const lm = client('models.unload');
      try {
        await lm.unload(instanceId);
      } catch (error) {
        throw toLmStudioApiError(error);
      }
      await announce(lm).catch(() => undefined);
      return { unloaded: [instanceId] };
    },
    async 'models.unloadAll'(params) {
      const lm = client('models.unloadAll');
      const pinned = services.settings.get().pinned;
      const unloaded: string[] = [];
      try {
        const loaded = await lm.listLoaded();
        for (const instance of loaded) {
          if (!params?.includePinned && isPinned(instance, pinned)) continue;
          await lm.unload(instance.instanceId);
          unloaded.push(instance.instanceId);
        }
      } catch (error) {
        throw toLmStudioApiError(error);
      } finally {
        await announce(lm).catch(() => undefined);
      }
      return { unloaded };
    },
  };
}

/** Read LM Studio's state; an unreachable LM Studio is a state (with the reason), not an error. */
export async function readModelsState(lm: LmStudioClient, pinned: string[]): Promise<ModelsState> {
  const detection = await lm.detect();
  if (!detection.running) {
    return { reachable: false, apiLevel: 'none', message: `LM Studio does not answer at ${detection.baseUrl}. Start LM Studio and turn on its local server (Developer tab), or fix the URL in settings.`, catalog: [], loaded: [] };
  }
  try {
    const catalog = await lm.listModels();
    const caps = await lm.capabilities();
    const loaded = catalog.flatMap((model) => model.loadedInstances.map((instance) => toLoadedModel(instance, model, pinned)));
    return { reachable: true, apiLevel: detection.apiLevel, message: caps.limitations.length ? caps.limitations.join(' ') : null, catalog, loaded };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reachable: false, apiLevel: detection.apiLevel, message, catalog: [], loaded: [] };
  }
}

function toLoadedModel(instance: LoadedInstance, model: CatalogModel, pinned: string[]): LoadedModel {
  return { ...instance, displayName: model.displayName, sizeBytes: model.sizeBytes, pinned: isPinned(instance, pinned) };
}
