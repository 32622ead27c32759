/**
 * The tray's submenu per other machine (issue 18): its state, its presets (a click applies one there)
 * and Unload all. An offline machine's item is disabled and its label says why, since a disabled
 * submenu cannot be opened to read anything inside. Pure: the controller turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { PresetProgress } from '../../../shared/contract';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import { wordMachineProblem } from '../../../shared/fleet/machine-problem';
import type { Translate } from '../../../shared/i18n/translate';
import { fill, type ShellStrings } from './tray-strings';

export interface MachinesMenuActions {
  applyOnMachine(machine: string, preset: { id: string; name: string }): void;
  unloadAllOnMachine(machine: string): void;
}

const RUNNING = new Set(['planning', 'waiting', 'unloading', 'loading']);

/** The words for why a machine cannot be used now (the core's problem kind, in the tray's language). */
export function machineProblemWords(problem: MachineSnapshot['problem'], s: ShellStrings): string {
  switch (problem?.kind) {
    case 'refused':
      return s.machineRefused;
    case 'fingerprint':
      return s.machineFingerprint;
    case 'version':
      return s.machineVersion;
    case 'no-token':
      return s.machineNoToken;
    case 'no-pin':
      return s.machineNoPin;
    case 'clock':
      return s.machineClock;
    default:
      return s.machineOffline;
  }
}

/** The whole catalog and the number locale in the tray's language, for the long reason under an offline machine. */
export interface MachinesMenuWords {
  t: Translate;
  language: string;
}

/** A header and one submenu per machine; nothing when no other machine is added. */
export function buildMachinesMenuItems(
  machines: readonly MachineSnapshot[],
  progress: ReadonlyMap<string, PresetProgress>,
  actions: MachinesMenuActions,
  s: ShellStrings,
  words: MachinesMenuWords,
): MenuItemConstructorOptions[] {
  if (machines.length === 0) return [];
  const items: MenuItemConstructorOptions[] = [{ type: 'separator' }, { label: s.machines, enabled: false }];
  for (const m of machines) {
    // A 'clock' problem leaves the machine usable: it stays enabled and the label warns.
    if (!m.online) {
      items.push({
        id: `machine:${m.name}`,
        label: fill(s.machineState, { name: m.name, state: machineProblemWords(m.problem, s) }),
        // The same sentence the windows show, not the core's English message.
        sublabel: wordMachineProblem(m, words.t, words.language) ?? undefined,
        enabled: false,
        submenu: [],
      });
      continue;
    }
    const state = m.problem ? machineProblemWords(m.problem, s) : s.machineOnline;
    items.push({
      id: `machine:${m.name}`,
      label: fill(s.machineState, { name: m.name, state }),
      submenu: machineSubmenu(m, progress.get(m.name) ?? null, actions, s),
    });
  }
  return items;
}

function machineSubmenu(
  m: MachineSnapshot,
  progress: PresetProgress | null,
  actions: MachinesMenuActions,
  s: ShellStrings,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (m.kind === 'lmstudio-only') items.push({ label: s.machineLmStudioOnly, enabled: false });
  else {
    items.push({ label: s.presets, enabled: false });
    if (m.presets.length === 0) items.push({ label: s.noPresets, enabled: false });
  }
  const applying = progress && RUNNING.has(progress.phase) ? progress.presetId : null;
  for (const preset of m.presets) {
    const loading = preset.id === applying;
    const steps = loading && progress!.total > 0 ? ` ${progress!.step}/${progress!.total}` : loading ? '…' : '';
    items.push({
      id: `machine:${m.name}:preset:${preset.id}`,
      type: 'radio',
      label: loading ? `${preset.name} (${s.loading}${steps})` : preset.name,
      checked: m.activePreset === preset.id,
      enabled: applying === null || loading,
      click: () => actions.applyOnMachine(m.name, preset),
    });
  }
  items.push(
    { type: 'separator' },
    {
      id: `machine:${m.name}:unload-all`,
      label: m.loadedModels.length ? `${s.unloadAll} (${m.loadedModels.length})` : s.unloadAll,
      enabled: m.loadedModels.length > 0 && applying === null,
      click: () => actions.unloadAllOnMachine(m.name),
    },
  );
  return items;
}
