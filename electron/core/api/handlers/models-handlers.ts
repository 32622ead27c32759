/** App API handlers for `models.*`: LM Studio's catalog and loaded models, and unloading through the presets executor. */
import {
  AppApiError,
  unavailableError,
  type CallContext,
  type ContractEventSink,
  type ContractHandlers,
  type MethodName,
  type ModelsState,
} from '../../../../shared/contract';
import type { LmStudioClient } from '../../lmstudio/client-types';
import type { ApplyOptions, ApplyOutcome, PresetsService } from '../../presets/presets-service';
import { isPinned } from '../../../../shared/presets/plan';
import { readLmStudioState } from '../models-state';
import { toUnloadResult } from '../presets-mapping';
import type { ApiServices } from './api-services';
import { toLmStudioApiError } from './lmstudio-api-error';

type ModelsHandlers = Pick<
  ContractHandlers,
  'models.list' | 'models.unload' | 'models.unloadAll' | 'models.cancelUnload'
>;

/** LM Studio's state without the client's capability details (the contract's `ModelsState`). */
export async function readModelsState(client: LmStudioClient, presets: PresetsService): Promise<ModelsState> {
  const { capabilities: _capabilities, ...state } = await readLmStudioState(client, presets.store.pinned());
  return state;
}

/**
 * Build the models handlers. Unloads go through the presets executor, so a model that is generating
 * is waited for (then reported in `busy`, unless `force`) rather than cut off; each unload is followed by `models.changed`.
 */
export function createModelsHandlers(services: ApiServices, events: ContractEventSink): ModelsHandlers {
  const presets = (method: MethodName): PresetsService => {
    if (!services.presets) throw unavailableError(method, 'presets service', 'Restart Loadout.');
    return services.presets;
  };
  const finish = async (service: PresetsService, outcome: ApplyOutcome, failureAsResult: boolean | undefined) => {
    if (services.lmstudio)
      void readModelsState(services.lmstudio, service).then(
        (state) => events.emit('models.changed', state),
        () => undefined,
      );
    const result = toUnloadResult(outcome);
    // Generating models: an answer, not an error, so the UI can ask "Unload anyway?" and call again with force.
    if (outcome.result === 'ok' || result.busy?.length || failureAsResult) return result;
    const code = outcome.result === 'cancelled' ? 'cancelled' : outcome.result === 'refused' ? 'refused' : 'failed';
    throw new AppApiError(code, result.message!);
  };
  // Each caller's running unloads, so its Ctrl+C (models.cancelUnload) stops its own and no one else's.
  const running = new Map<string, Set<AbortController>>();
  const unloadWith = async (
    context: CallContext,
    force: boolean | undefined,
    work: (options: ApplyOptions) => Promise<ApplyOutcome>,
  ) => {
    const controller = new AbortController();
    const mine = running.get(context.callerId) ?? new Set();
    running.set(context.callerId, mine.add(controller));
    try {
      // Each step goes to the caller that asked (the CLI prints them), not to every window.
      return await work({
        force,
        signal: controller.signal,
        onProgress: (progress) => events.emit('presets.unloadProgress', progress, context.callerId),
      });
    } finally {
      mine.delete(controller);
      if (!mine.size) running.delete(context.callerId);
    }
  };
  return {
    async 'models.list'() {
      const service = presets('models.list');
      if (!services.lmstudio) throw unavailableError('models.list', 'LM Studio client', 'Restart Loadout.');
      try {
        if (!services.modelsState) return await readModelsState(services.lmstudio, service);
        // The kept state, with today's pins (pinning changes no load, so it does not drop the cache).
        const state = await services.modelsState.get();
        const pinned = service.store.pinned();
        return { ...state, loaded: state.loaded.map((i) => ({ ...i, pinned: isPinned(i, pinned) })) };
      } catch (error) {
        throw toLmStudioApiError(error);
      }
    },
    async 'models.unload'({ instanceId, force, failureAsResult }, context) {
      const service = presets('models.unload');
      return finish(
        service,
        await unloadWith(context, force, (options) => service.unload({ instanceId }, options)),
        failureAsResult,
      );
    },
    async 'models.unloadAll'(params, context) {
      const service = presets('models.unloadAll');
      const target = { all: true as const, includePinned: params?.includePinned ?? false };
      return finish(
        service,
        await unloadWith(context, params?.force, (options) => service.unload(target, options)),
        params?.failureAsResult,
      );
    },
    async 'models.cancelUnload'(_params, context) {
      const mine = [...(running.get(context.callerId) ?? [])];
      for (const controller of mine) controller.abort();
      return { cancelled: mine.length > 0 };
    },
  };
}
