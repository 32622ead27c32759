/**
 * The notification for a tray-started switch or unload that stopped because a model is still
 * generating: which model, and a click that opens the window where it can be unloaded anyway (the
 * presets window for a switch, the monitor's loaded-models card for an unload).
 */
import type { NotificationConstructorOptions } from 'electron';
import type { BusyModel } from '../../shared/contract';
import { loadedModelName, presetDisplayName } from '../../shared/presets/display-names';
import type { ShellNotification } from './notifications';
import type { CoreCall } from './tray/tray-controller';
import { fill, shellStrings } from './tray/tray-strings';

export interface BusyNotifierDeps {
  createNotification(options: NotificationConstructorOptions): ShellNotification;
  call: CoreCall;
  /** The UI language setting ("auto", "en", "pt-BR") and the OS locale. */
  language(): string;
  osLocale: string;
  openPresets(): void;
  openMonitor(): void;
}

/** What stopped: a switch to a preset, or an unload (one model or all). */
export type BusyTarget = { presetId: string } | { unload: true };

/** Show "not applied/unloaded: MODEL is still generating"; a click opens the window that can unload it anyway. */
export async function notifyBusyModels(deps: BusyNotifierDeps, busy: BusyModel[], target: BusyTarget): Promise<void> {
  if (!busy.length) return;
  const s = shellStrings(deps.language(), deps.osLocale);
  // Display names where the core knows them (the tray menu shows those too); the key otherwise.
  const models = await deps.call('models.list');
  const names = busy.map((b) => loadedModelName(b, models?.loaded)).join(', ');
  let title = s.unloadBusy;
  if ('presetId' in target) {
    const preset = await deps.call('presets.get', { id: target.presetId });
    title = fill(s.switchBusy, { name: presetDisplayName(preset, target.presetId) });
  }
  const body = fill('presetId' in target ? s.switchBusyBody : s.unloadBusyBody, { models: names });
  const notification = deps.createNotification({ title, body });
  notification.on('click', () => ('presetId' in target ? deps.openPresets() : deps.openMonitor()));
  notification.show();
}
