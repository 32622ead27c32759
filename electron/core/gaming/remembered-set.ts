/**
 * The set of models gaming mode puts back after a game: the instances that were loaded with their load
 * settings, and the preset that was active. It is restored as a preset that is not in the catalog, so the
 * restore goes through the same planner, memory-fit check and executor as any switch.
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { Preset } from '../../../shared/presets/schema';
import { instanceAsModel } from '../presets/executor';

/** What gaming mode remembers when a game starts. */
export interface RememberedSet {
  instances: LoadedInstance[];
  /** The active preset then, so a restore of the same set shows it active again. */
  presetId: string | null;
}

/** The id the restored set is planned under (never stored, never shown as the active preset). */
export const GAMING_RESTORE_ID = 'gaming-restore';

/** The remembered set as a preset: the same keys and load settings, and nothing else unloaded (not exclusive). */
export function rememberedAsPreset(set: RememberedSet): Preset {
  return {
    id: GAMING_RESTORE_ID,
    name: 'the models loaded before the game',
    description: '',
    models: set.instances.map((instance) => {
      const { key, contextLength, gpuOffload, ttlSeconds, identifier } = instanceAsModel(instance);
      return { key, contextLength, gpuOffload, ttlSeconds, identifier };
    }),
    exclusive: false,
    builtIn: false,
  };
}

/** The set a new game should remember: what is loaded now, or (when nothing is) the set still waiting from before. */
export function nextRemembered(loaded: RememberedSet, waiting: RememberedSet | null): RememberedSet | null {
  if (loaded.instances.length > 0) return loaded;
  return waiting;
}
