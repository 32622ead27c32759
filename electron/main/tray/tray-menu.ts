/**
 * The tray menu as a template: presets as radio items (active checked, a loading one marked with its
 * progress), loaded models with size, Unload and Benchmark this model, Unload all, Quick chat with its hotkey, the two
 * windows, Start at login, Quit. Pure: the controller turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ModelsState, PresetList, PresetProgress } from '../../../shared/contract';
import { modelDisplayName } from '../../../shared/presets/display-names';
import type { ShellStrings } from './tray-strings';

export interface TrayMenuView {
  presets: PresetList | null;
  models: ModelsState | null;
  progress: PresetProgress | null;
  quickChatHotkey: string | null;
  startAtLogin: boolean;
  locale: string;
}

export interface TrayMenuActions {
  applyPreset(id: string): void;
  unloadModel(instanceId: string): void;
  /** Benchmark a loaded model as it is loaded (its context length); absent = no menu entry. */
  benchmarkModel?(modelKey: string, contextLength: number | null): void;
  unloadAll(): void;
  toggleQuickChat(): void;
  openMonitor(): void;
  openSettings(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** Build the menu template from what the tray knows. */
export function buildTrayMenuTemplate(
  view: TrayMenuView,
  actions: TrayMenuActions,
  s: ShellStrings,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: s.presets, enabled: false }];
  const applying = view.presets?.applyingPresetId ?? (isRunning(view.progress) ? view.progress!.presetId : null);
  if (!view.presets || view.presets.presets.length === 0) items.push({ label: s.noPresets, enabled: false });
  for (const preset of view.presets?.presets ?? []) {
    const loading = preset.id === applying;
    items.push({
      id: `preset:${preset.id}`,
      type: 'radio',
      label: loading ? `${preset.name} (${s.loading}${progressText(view.progress, preset.id)})` : preset.name,
      checked: preset.id === view.presets?.activePresetId,
      enabled: applying === null || loading,
      click: () => actions.applyPreset(preset.id),
    });
  }
  items.push({ type: 'separator' }, { label: s.loadedModels, enabled: false });
  if (view.models && !view.models.reachable) items.push({ label: s.lmStudioDown, enabled: false });
  else if (!view.models || view.models.loaded.length === 0) items.push({ label: s.noModels, enabled: false });
  for (const model of view.models?.loaded ?? []) {
    const size = model.sizeBytes !== null ? ` · ${formatSize(model.sizeBytes, view.locale)}` : '';
    items.push({
      id: `model:${model.instanceId}`,
      label: `${modelDisplayName(model)}${size}`,
      submenu: [
        { id: `unload:${model.instanceId}`, label: s.unload, click: () => actions.unloadModel(model.instanceId) },
        ...(actions.benchmarkModel
          ? [
              {
                id: `benchmark:${model.instanceId}`,
                label: s.benchmark,
                click: () => actions.benchmarkModel?.(model.modelKey, model.contextLength),
              },
            ]
          : []),
      ],
    });
  }
  items.push(
    {
      id: 'unload-all',
      label: s.unloadAll,
      enabled: (view.models?.loaded.length ?? 0) > 0,
      click: () => actions.unloadAll(),
    },
    { type: 'separator' },
    {
      id: 'quick-chat',
      label: s.quickChat,
      accelerator: view.quickChatHotkey ?? undefined,
      registerAccelerator: false,
      click: () => actions.toggleQuickChat(),
    },
    { id: 'monitor', label: s.monitor, click: () => actions.openMonitor() },
    { id: 'settings', label: s.settings, click: () => actions.openSettings() },
    { type: 'separator' },
    {
      id: 'start-at-login',
      type: 'checkbox',
      label: s.startAtLogin,
      checked: view.startAtLogin,
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { id: 'quit', label: s.quit, role: undefined, click: () => actions.quit() },
  );
  return items;
}

function isRunning(progress: PresetProgress | null): boolean {
  return progress !== null && ['planning', 'waiting', 'unloading', 'loading'].includes(progress.phase);
}

function progressText(progress: PresetProgress | null, presetId: string): string {
  if (!progress || progress.presetId !== presetId || progress.total === 0) return '…';
  return ` ${progress.step}/${progress.total}`;
}

/** "18.5 GB" in the user's locale (decimal units, as LM Studio shows sizes). */
export function formatSize(bytes: number, locale: string): string {
  return `${(bytes / 1e9).toLocaleString(locale, { maximumFractionDigits: 1 })} GB`;
}
