/** App API handlers for `presets.*`, over the presets service (store, planner, executor). */
import {
  AppApiError,
  unavailableError,
  type ContractEventSink,
  type ContractHandlers,
  type MethodName,
  type PendingBusy,
} from '../../../../shared/contract';
import { PresetNotFoundError } from '../../presets/preset-store';
import type { PresetsService } from '../../presets/presets-service';
import { toPlanResult, toSwitchResult } from '../presets-mapping';
import type { ApiServices } from './api-services';
import { toLmStudioApiError } from './lmstudio-api-error';
import { readModelsState } from './models-handlers';

type PresetsHandlers = Pick<
  ContractHandlers,
  | 'presets.list'
  | 'presets.get'
  | 'presets.save'
  | 'presets.delete'
  | 'presets.reorder'
  | 'presets.duplicate'
  | 'presets.import'
  | 'presets.export'
  | 'presets.setPinned'
  | 'presets.plan'
  | 'presets.apply'
  | 'presets.cancel'
  | 'presets.pendingBusy'
  | 'presets.dismissBusy'
>;

/** Run `fn`, turning a missing preset into `not-found` and LM Studio failures into their API errors. */
async function guarded<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PresetNotFoundError) throw new AppApiError('not-found', error.message);
    throw toLmStudioApiError(error);
  }
}

/**
 * Build the presets handlers; after a switch ends, the new loaded set is announced as `models.changed`.
 * The last switch refused for generating models is kept until answered, so a window opened later (from
 * the tray's notification) can still ask "Unload anyway?" without waiting busyWaitSeconds again.
 */
export function createPresetsHandlers(services: ApiServices, events: ContractEventSink): PresetsHandlers {
  let pendingBusy: PendingBusy | null = null;
  const presets = (method: MethodName): PresetsService => {
    if (!services.presets)
      throw unavailableError(
        method,
        'presets service',
        'Use `loadout presets` and `loadout apply ID` from a terminal meanwhile.',
      );
    return services.presets;
  };
  return {
    async 'presets.list'() {
      return presets('presets.list').list();
    },
    async 'presets.get'({ id }) {
      return guarded(() => presets('presets.get').store.get(id));
    },
    async 'presets.save'({ preset }) {
      return guarded(() => presets('presets.save').save(preset));
    },
    async 'presets.delete'({ id }) {
      return { deleted: await guarded(() => presets('presets.delete').delete(id)) };
    },
    async 'presets.reorder'({ ids }) {
      return guarded(() => presets('presets.reorder').reorder(ids));
    },
    async 'presets.duplicate'({ id, newName }) {
      return guarded(() => presets('presets.duplicate').duplicate(id, newName));
    },
    async 'presets.import'({ json, replace }) {
      return guarded(() => presets('presets.import').import(json, replace));
    },
    async 'presets.export'(params) {
      return { json: await guarded(() => presets('presets.export').store.exportMany(params?.ids)) };
    },
    async 'presets.setPinned'({ pinned }) {
      return guarded(() => presets('presets.setPinned').setPinned(pinned));
    },
    async 'presets.plan'(input) {
      const service = presets('presets.plan');
      return guarded(async () => toPlanResult(await service.prepare('id' in input ? input.id : input.preset)));
    },
    async 'presets.apply'({ id, force }) {
      const service = presets('presets.apply');
      await guarded(() => service.store.get(id));
      // A switch that runs answers the earlier question; a new busy refusal asks again.
      pendingBusy = null;
      const outcome = await guarded(() => service.apply(id, { force }));
      if (services.lmstudio)
        void readModelsState(services.lmstudio, service).then(
          (state) => events.emit('models.changed', state),
          () => undefined,
        );
      const result = toSwitchResult(outcome);
      if (result.result === 'refused' && result.busy?.length)
        pendingBusy = {
          presetId: result.presetId,
          busy: result.busy,
          message: result.message,
          ...(result.notice ? { notice: result.notice } : {}),
        };
      return result;
    },
    async 'presets.cancel'() {
      return { cancelled: presets('presets.cancel').cancel() };
    },
    async 'presets.pendingBusy'() {
      return pendingBusy;
    },
    async 'presets.dismissBusy'() {
      const dismissed = pendingBusy !== null;
      pendingBusy = null;
      return { dismissed };
    },
  };
}
