/**
 * The switcher's guard on its own, with a preparation that waits until told: one switch at a time (a
 * second is refused, naming the first), cancel during preparation, and the running switch in the state.
 */
import { describe, expect, it } from 'vitest';
import type { PresetProgress } from '../../../shared/contract/presets';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';
import { PresetSwitcher, type PresetSwitcherDeps } from '../../../electron/core/presets/preset-switcher';
import type { PreparedSwitch } from '../../../electron/core/presets/switch-preparation';

/** A switcher whose preparation hangs until the switch is cancelled; nothing may touch LM Studio. */
function hangingSwitcher() {
  const untouched = () => Promise.reject(new Error('LM Studio must not be called'));
  let active: string | null = 'before';
  const deps: PresetSwitcherDeps = {
    client: { load: untouched, unload: untouched, listLoaded: untouched },
    settings: {
      get: () =>
        ({ lmstudio: { busyWaitSeconds: 0, restoreOnFailure: true } }) as ReturnType<
          PresetSwitcherDeps['settings']['get']
        >,
    },
    store: { pinned: () => [], activeId: () => active, setActive: (id) => void (active = id) },
    preparation: {
      prepare: (_target, signal) =>
        new Promise<PreparedSwitch>((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('Cancelled.')), { once: true }),
        ),
    },
    inFlight: new InFlightRegistry(),
  };
  return { switcher: new PresetSwitcher(deps), active: () => active };
}

describe('preset switcher', () => {
  it('refuses a second switch while one runs, names the first, and cancels the first', async () => {
    const { switcher, active } = hangingSwitcher();
    const everyone: PresetProgress[] = [];
    switcher.onProgress((p) => everyone.push(p));
    let states = 0;
    switcher.onStateChanged(() => states++);

    const first = switcher.apply('dev');
    expect(switcher.applyingPresetId()).toBe('dev');
    expect(states).toBe(1);

    const own: PresetProgress[] = [];
    const second = await switcher.apply('gaming', { onProgress: (p) => own.push(p) });
    expect(second).toMatchObject({
      presetId: 'gaming',
      result: 'refused',
      message: 'A switch to "dev" is running; wait for it or cancel it first.',
      execution: null,
    });
    expect(own.map((p) => [p.presetId, p.phase])).toEqual([['gaming', 'refused']]);
    // The same as data on the result and the progress event, for the tray and windows to word.
    expect(second.notice).toEqual({ kind: 'switch-running', preset: 'dev' });
    expect(own[0]!.notice).toEqual({ kind: 'switch-running', preset: 'dev' });
    expect(switcher.applyingPresetId()).toBe('dev');

    expect(switcher.cancel()).toBe(true);
    expect(await first).toMatchObject({ presetId: 'dev', result: 'cancelled', message: 'Cancelled.' });
    expect(everyone.map((p) => [p.presetId, p.phase])).toEqual([
      ['dev', 'planning'],
      ['gaming', 'refused'],
      ['dev', 'failed'],
    ]);
    expect(switcher.applyingPresetId()).toBeNull();
    expect(switcher.cancel()).toBe(false);
    expect(states).toBe(2);
    expect(active()).toBe('before');
  });
});
