/**
 * Presets slice: the list (order, active, pinned), CRUD through the contract, switching with
 * progress, and the last switch's outcome (a refusal keeps its message until the next attempt; one
 * for generating models carries them, so the window can ask "Unload anyway?").
 */
import type { StateCreator } from 'zustand';
import type { Preset } from '../../../shared/presets/schema';
import type { PresetList, PresetProgress, PresetSwitchResult } from '../../../shared/contract/presets';
import type { PresetImportSkip } from '../../../shared/presets/import-skip';
import type { PresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import type { AppState, StoreDeps } from './app-state';

export interface PresetsSlice {
  presetList: PresetList | null;
  presetsError: PresetsCallFailure | null;
  /** The latest progress event of the running switch. */
  progress: PresetProgress | null;
  /** How the last switch started from this window ended. */
  lastSwitch: PresetSwitchResult | null;
  receivePresetList(list: PresetList): void;
  receiveProgress(progress: PresetProgress): void;
  loadPresets(): Promise<void>;
  /** Switch to a preset; `force` unloads models that are still generating (after the person said "Unload anyway"). */
  applyPreset(id: string, force?: boolean): Promise<PresetSwitchResult | null>;
  /** Forget the last switch's outcome (the busy question's Cancel), in the core too. */
  dismissSwitch(): void;
  /**
   * Ask the core for a switch refused for generating models and not yet answered (one started from the
   * tray, whose notification opens this window), and show its "Unload anyway?" question.
   */
  loadPendingBusy(): Promise<void>;
  cancelSwitch(): Promise<void>;
  /** Save (create or replace); returns the failure or null. */
  savePreset(preset: Preset): Promise<PresetsCallFailure | null>;
  deletePreset(id: string): Promise<PresetsCallFailure | null>;
  duplicatePreset(id: string, newName: string): Promise<Preset | null>;
  /** Move a preset by `delta` places (keyboard reorder and the arrow buttons). */
  movePreset(id: string, delta: number): Promise<void>;
  /** Import a presets file: how many were saved and the entries skipped (with their coded reasons), or the failure. */
  importPresets(json: string): Promise<{ imported: number; skipped: PresetImportSkip[] } | PresetsCallFailure>;
  exportPresets(): Promise<string | null>;
  setPinned(pinned: string[]): Promise<void>;
}

/** Build the presets slice. */
export function createPresetsSlice(deps: StoreDeps): StateCreator<AppState, [], [], PresetsSlice> {
  return (set, get) => ({
    presetList: null,
    presetsError: null,
    progress: null,
    lastSwitch: null,
    receivePresetList(list) {
      set({ presetList: list, presetsError: null });
    },
    receiveProgress(progress) {
      set({ progress });
    },
    async loadPresets() {
      const r = await deps.api.call('presets.list', undefined);
      if (r.ok) set({ presetList: r.result, presetsError: null });
      else set({ presetsError: { call: 'list', detail: r.error.message } });
    },
    async applyPreset(id, force) {
      set({ lastSwitch: null, progress: null, presetsError: null });
      const r = await deps.api.call('presets.apply', force ? { id, force } : { id });
      if (!r.ok) {
        set({
          lastSwitch: {
            presetId: id,
            result: r.error.code === 'refused' ? 'refused' : 'failed',
            plan: [],
            message: r.error.message,
          },
          // The call itself failed (no switch result): the window words it from this, not the English above.
          presetsError: { call: 'apply', detail: r.error.message },
        });
        return null;
      }
      set({ lastSwitch: r.result });
      void get().loadPresets();
      return r.result;
    },
    dismissSwitch() {
      const last = get().lastSwitch;
      set({ lastSwitch: null });
      if (last?.result === 'refused' && last.busy?.length) void deps.api.call('presets.dismissBusy', undefined);
    },
    async loadPendingBusy() {
      const r = await deps.api.call('presets.pendingBusy', undefined);
      if (!r.ok || !r.result) return;
      const { presetId, busy, message, notice } = r.result;
      set({ lastSwitch: { presetId, result: 'refused', plan: [], message, busy, ...(notice ? { notice } : {}) } });
    },
    async cancelSwitch() {
      await deps.api.call('presets.cancel', undefined);
    },
    async savePreset(preset) {
      const r = await deps.api.call('presets.save', { preset });
      if (!r.ok) return { call: 'save', detail: r.error.message };
      await get().loadPresets();
      return null;
    },
    async deletePreset(id) {
      const r = await deps.api.call('presets.delete', { id });
      if (!r.ok) return { call: 'delete', detail: r.error.message };
      await get().loadPresets();
      return null;
    },
    async duplicatePreset(id, newName) {
      const r = await deps.api.call('presets.duplicate', { id, newName });
      if (!r.ok) {
        set({ presetsError: { call: 'duplicate', detail: r.error.message } });
        return null;
      }
      await get().loadPresets();
      return r.result;
    },
    async movePreset(id, delta) {
      const list = get().presetList;
      if (!list) return;
      const ids = list.presets.map((p) => p.id);
      const from = ids.indexOf(id);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= ids.length) return;
      ids.splice(from, 1);
      ids.splice(to, 0, id);
      // Show the new order at once; the core's answer (or the changed event) confirms it.
      const byId = new Map(list.presets.map((p) => [p.id, p]));
      set({ presetList: { ...list, presets: ids.map((i) => byId.get(i)!) } });
      const r = await deps.api.call('presets.reorder', { ids });
      if (r.ok) set({ presetList: r.result, presetsError: null });
      else {
        await get().loadPresets();
        set({ presetsError: { call: 'reorder', detail: r.error.message } });
      }
    },
    async importPresets(json) {
      const r = await deps.api.call('presets.import', { json, replace: false });
      if (!r.ok) return { call: 'import', detail: r.error.message };
      await get().loadPresets();
      return { imported: r.result.imported.length, skipped: r.result.skipped };
    },
    async exportPresets() {
      const r = await deps.api.call('presets.export', undefined);
      if (!r.ok) {
        set({ presetsError: { call: 'export', detail: r.error.message } });
        return null;
      }
      set({ presetsError: null });
      return r.result.json;
    },
    async setPinned(pinned) {
      const r = await deps.api.call('presets.setPinned', { pinned });
      if (r.ok) set({ presetList: r.result, presetsError: null });
      else set({ presetsError: { call: 'pin', detail: r.error.message } });
    },
  });
}
