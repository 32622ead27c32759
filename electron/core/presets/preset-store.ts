/**
 * Presets kept in the settings (`settings.presets`, `settings.pinned`, `settings.activePresetId`).
 * Until the user changes the list, it is the built-ins; the first change saves the whole list, so
 * built-ins can be edited, reordered and deleted like any other preset.
 */
import { builtInPresets } from '../../../shared/presets/builtins';
import { exportPresetJson, parsePresetEntries } from '../../../shared/presets/import-export';
import type { PresetImportSkip } from '../../../shared/presets/import-skip';
import { PresetSchema, type Preset } from '../../../shared/presets/schema';
import type { Settings } from '../../../shared/settings/schema';

/** The part of SettingsStore this needs. */
export interface SettingsAccess {
  get(): Settings;
  update(change: (current: Settings) => Settings): Settings;
}

/** A preset id that does not exist. */
export class PresetNotFoundError extends Error {
  constructor(
    readonly id: string,
    known: string[],
  ) {
    super(`No preset "${id}". Known presets: ${known.join(', ') || '(none)'}. See \`loadout presets\`.`);
    this.name = 'PresetNotFoundError';
  }
}

export class PresetStore {
  constructor(private readonly settings: SettingsAccess) {}

  /** Every preset in order (the built-ins while the user has saved none). */
  list(): Preset[] {
    const saved = this.settings.get().presets;
    return saved.length ? saved : builtInPresets();
  }

  /** One preset by id, or throw PresetNotFoundError naming the known ids. */
  get(id: string): Preset {
    const preset = this.list().find((p) => p.id === id);
    if (!preset)
      throw new PresetNotFoundError(
        id,
        this.list().map((p) => p.id),
      );
    return preset;
  }

  private write(presets: Preset[]): Preset[] {
    this.settings.update((s) => ({ ...s, presets }));
    return presets;
  }

  /** Create a preset, or replace the one with the same id (validated first). */
  save(input: Preset): Preset {
    const preset = PresetSchema.parse(input);
    const list = this.list();
    const at = list.findIndex((p) => p.id === preset.id);
    this.write(at >= 0 ? list.map((p, i) => (i === at ? preset : p)) : [...list, preset]);
    return preset;
  }

  /** Delete a preset; clears it as the active one. */
  delete(id: string): boolean {
    const list = this.list();
    if (!list.some((p) => p.id === id)) return false;
    this.write(list.filter((p) => p.id !== id));
    if (this.activeId() === id) this.setActive(null);
    return true;
  }

  /** Put presets in this order; ids not listed keep their relative order at the end. */
  reorder(ids: string[]): Preset[] {
    const list = this.list();
    const first = ids.map((id) => list.find((p) => p.id === id)).filter((p): p is Preset => p !== undefined);
    return this.write([...first, ...list.filter((p) => !ids.includes(p.id))]);
  }

  /** Copy a preset under a new id ("dev-copy", "dev-copy-2"…) and name. */
  duplicate(id: string, newName?: string): Preset {
    const source = this.get(id);
    const taken = new Set(this.list().map((p) => p.id));
    let newId = `${id}-copy`;
    for (let n = 2; taken.has(newId); n++) newId = `${id}-copy-${n}`;
    return this.save({
      ...structuredClone(source),
      id: newId,
      name: newName ?? `${source.name} (copy)`,
      builtIn: false,
    });
  }

  /**
   * Import presets from JSON: valid entries are saved (replacing same ids only when `replace`), invalid
   * ones are skipped with the field that is wrong.
   */
  import(json: string, replace = false): { imported: Preset[]; skipped: PresetImportSkip[] } {
    const parsed = parsePresetEntries(json);
    const skipped = [...parsed.skipped];
    const imported: Preset[] = [];
    const existing = new Set(this.list().map((p) => p.id));
    for (const preset of parsed.presets) {
      if (existing.has(preset.id) && !replace) {
        skipped.push({
          id: preset.id,
          reason: `a preset "${preset.id}" already exists (import with replace to overwrite it)`,
          problem: { kind: 'exists' },
        });
        continue;
      }
      imported.push(this.save(preset));
    }
    return { imported, skipped };
  }

  /** One preset as shareable JSON. */
  exportOne(id: string): string {
    return exportPresetJson(this.get(id));
  }

  /** Some or all presets as `{ "presets": [...] }`. */
  exportMany(ids?: string[]): string {
    const list = this.list().filter((p) => !ids || ids.includes(p.id));
    return `${JSON.stringify({ presets: list.map((p) => JSON.parse(exportPresetJson(p)) as unknown) }, null, 2)}\n`;
  }

  pinned(): string[] {
    return this.settings.get().pinned;
  }

  setPinned(pinned: string[]): string[] {
    const unique = [...new Set(pinned)];
    this.settings.update((s) => ({ ...s, pinned: unique }));
    return unique;
  }

  activeId(): string | null {
    return this.settings.get().activePresetId;
  }

  setActive(id: string | null): void {
    this.settings.update((s) => ({ ...s, activePresetId: id }));
  }
}
