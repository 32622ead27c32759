/** Importing over a saved preset of the same id skips it with a coded reason beside the English one. */
import { describe, expect, it } from 'vitest';
import { PresetStore } from '../../../electron/core/presets/preset-store';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';

const preset = (id: string) => ({ id, name: id, description: '', models: [], exclusive: true });

describe('PresetStore.import', () => {
  it('is coded when a preset of that id is saved already', () => {
    let settings: Settings = { ...defaultSettings(), presets: [{ ...preset('a'), builtIn: false }] };
    const store = new PresetStore({ get: () => settings, update: (change) => (settings = change(settings)) });
    expect(store.import(JSON.stringify([preset('a')])).skipped).toEqual([
      { id: 'a', reason: expect.stringContaining('already exists'), problem: { kind: 'exists' } },
    ]);
  });
});
