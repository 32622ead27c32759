/**
 * The preset catalog: list, get, save, delete, reorder, duplicate, import, export and pin presets
 * over the settings (preset-store.ts), and tell listeners the new list after every change, so the
 * tray, the windows and the energy context see an edit made from any of them.
 */
import type { PresetList } from '../../../shared/contract/presets';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';
import type { Preset } from '../../../shared/presets/schema';
import { PresetStore, type SettingsAccess } from './preset-store';

export interface PresetCatalogOptions {
  /** The preset a switch is running to (part of every list); default none. */
  applyingPresetId?: () => string | null;
  /** Where a throwing listener is reported (default: stderr). */
  onListenerError?: ListenerErrorReporter;
}

/** The catalog (see the module comment). */
export class PresetCatalog {
  readonly store: PresetStore;
  private readonly events: TypedEmitter<{ changed: PresetList }>;
  private readonly applyingPresetId: () => string | null;

  constructor(settings: SettingsAccess, options: PresetCatalogOptions = {}) {
    this.store = new PresetStore(settings);
    this.events = createEmitter<{ changed: PresetList }>(options.onListenerError);
    this.applyingPresetId = options.applyingPresetId ?? (() => null);
  }

  /** Every preset, the active one, the pinned list and the switch in progress. */
  list(): PresetList {
    return {
      presets: this.store.list(),
      activePresetId: this.store.activeId(),
      pinned: this.store.pinned(),
      applyingPresetId: this.applyingPresetId(),
    };
  }

  /** Receive the preset list whenever presets, the active one, the pinned list or the running switch change. */
  onChanged(listener: (list: PresetList) => void): () => void {
    return this.events.on('changed', listener);
  }

  /** Tell listeners the current list (after a change made outside the catalog's own methods, e.g. a switch). */
  announce(): void {
    this.events.emit('changed', this.list());
  }

  private changed<T>(value: T): T {
    this.announce();
    return value;
  }

  save(preset: Preset): Preset {
    return this.changed(this.store.save(preset));
  }
  delete(id: string): boolean {
    return this.changed(this.store.delete(id));
  }
  reorder(ids: string[]): PresetList {
    this.store.reorder(ids);
    return this.changed(this.list());
  }
  duplicate(id: string, newName?: string): Preset {
    return this.changed(this.store.duplicate(id, newName));
  }
  import(json: string, replace = false): ReturnType<PresetStore['import']> {
    return this.changed(this.store.import(json, replace));
  }
  setPinned(pinned: string[]): PresetList {
    this.store.setPinned(pinned);
    return this.changed(this.list());
  }
}
