/**
 * The presets service's listeners against the LM Studio emulator: one that throws (the tray's, a
 * window's, the CLI's) is reported and never stops a switch or undoes an edit; an unload that clears
 * the active preset tells the listeners.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PresetList, PresetProgress } from '../../../shared/contract/presets';
import { startHarness, type Harness } from '../../support/emulator-harness';

let h: Harness | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = null;
});

const L1 = 'llama-3.2-1b-instruct';
const L3 = 'llama-3.2-3b-instruct';

describe('presets service listeners (LM Studio emulator)', () => {
  it('a progress listener that throws is reported; the switch and the other listeners go on', async () => {
    h = await startHarness();
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    h.service.onProgress(() => {
      throw new Error('tray icon gone');
    });
    const phases: PresetProgress['phase'][] = [];
    h.service.onProgress((p) => phases.push(p.phase));
    const outcome = await h.service.apply('light');
    expect(outcome.result).toBe('ok');
    expect(h.loadedIds()).toEqual([L1, L3]);
    // The second 'loading' says the preset's first model is ready, before the other one loads.
    expect(phases).toEqual(['planning', 'loading', 'loading', 'loading', 'done']);
    expect(reported).toHaveBeenCalledWith(
      'A listener of "progress" failed:',
      expect.objectContaining({ message: 'tray icon gone' }),
    );
    expect(h.settings.get().activePresetId).toBe('light');
  });

  it("a caller's own progress callback that throws does not stop its switch", async () => {
    h = await startHarness();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const outcome = await h.service.apply('light', {
      onProgress: () => {
        throw new Error('stdout closed');
      },
    });
    expect(outcome.result).toBe('ok');
    expect(h.loadedIds()).toEqual([L1, L3]);
  });

  it('a change listener that throws does not fail a save; the save is kept and others hear it', async () => {
    h = await startHarness();
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    h.service.onChanged(() => {
      throw new Error('window closed');
    });
    const lists: PresetList[] = [];
    h.service.onChanged((list) => lists.push(list));
    const saved = h.service.save({
      id: 'mine',
      name: 'Mine',
      description: '',
      models: [{ key: L1 }],
      exclusive: true,
      builtIn: false,
    });
    expect(saved.id).toBe('mine');
    expect(h.service.store.get('mine').name).toBe('Mine');
    expect(lists.at(-1)?.presets.map((p) => p.id)).toContain('mine');
    expect(reported).toHaveBeenCalledWith(
      'A listener of "changed" failed:',
      expect.objectContaining({ message: 'window closed' }),
    );
  });

  it('unloading every model clears the active preset and tells the change listeners', async () => {
    h = await startHarness();
    expect((await h.service.apply('light')).result).toBe('ok');
    const active: (string | null)[] = [];
    h.service.onChanged((list) => active.push(list.activePresetId));
    const outcome = await h.service.unload({ all: true });
    expect(outcome.result).toBe('ok');
    expect(h.loadedIds()).toEqual([]);
    expect(h.settings.get().activePresetId).toBeNull();
    expect(active).toEqual([null]);
  });
});
