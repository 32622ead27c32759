/** This machine as a fleet snapshot, from the window's own store, so the overview draws it with the same card. */
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import type { AppState } from '../store/app-state';

/** The local machine's card data: latest sample, loaded models, active preset and today's energy. */
export function localMachineSnapshot(
  s: Pick<AppState, 'latestSample' | 'models' | 'presetList' | 'energySummary'>,
  name: string,
): MachineSnapshot {
  const gpus = (s.latestSample?.gpus ?? []).map((g) => ({
    name: g.name,
    utilizationPercent: g.utilizationPercent,
    vramUsedBytes: g.memoryUsedBytes,
    vramTotalBytes: g.memoryTotalBytes,
    powerW: g.powerW,
  }));
  const powers = gpus.map((g) => g.powerW).filter((w): w is number => w != null);
  const list = s.presetList;
  return {
    name,
    url: '',
    kind: 'loadout',
    online: true,
    since: null,
    lastSeen: null,
    problem: null,
    version: null,
    gpus,
    powerW: powers.length ? powers.reduce((a, b) => a + b, 0) : null,
    loadedModels: (s.models?.loaded ?? []).map((m) => m.modelKey),
    busyModels: [],
    queue: 0,
    activePreset: list?.presets.find((p) => p.id === list.activePresetId)?.name ?? null,
    presets: [],
    energyToday: s.energySummary?.today ?? null,
    clockSkewMs: null,
    unseen: [],
  };
}
