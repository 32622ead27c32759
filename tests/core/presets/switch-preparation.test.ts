/**
 * Switch preparation on its own, over an in-memory LM Studio that can only be read: the plan and the
 * memory verdict of a switch, the pinned list, and the `lms ls` paths it caches.
 */
import { describe, expect, it } from 'vitest';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { PresetSchema, type Preset } from '../../../shared/presets/schema';
import { LmStudioError, type LmsLocalModel } from '../../../electron/core/lmstudio/client-types';
import { PresetNotFoundError } from '../../../electron/core/presets/preset-store';
import { SwitchPreparation, type SwitchPreparationDeps } from '../../../electron/core/presets/switch-preparation';
import { catalog, instance, sample } from '../../support/catalog-fixture';

const Q7 = 'qwen/qwen2.5-7b-instruct';
const C14 = 'qwen/qwen2.5-coder-14b-instruct';
const D33 = 'deepseek/deepseek-coder-33b-instruct';

const preset = (id: string, keys: string[]): Preset =>
  PresetSchema.parse({ id, name: id, models: keys.map((key) => ({ key })) });

interface Setup {
  loaded?: LoadedInstance[];
  pinned?: string[];
  sample?: HardwareSample | null;
  files?: () => LmsLocalModel[];
  now?: () => number;
}

/** A preparation over a read-only LM Studio; `calls` counts what it asked. */
function setup(options: Setup = {}) {
  const calls = { listModels: 0, listLoaded: 0, listLocalFiles: 0 };
  const presets = [preset('coder', [C14]), preset('big', [D33])];
  const deps: SwitchPreparationDeps = {
    client: {
      async listModels() {
        calls.listModels++;
        return structuredClone(catalog);
      },
      async listLoaded() {
        calls.listLoaded++;
        return structuredClone(options.loaded ?? []);
      },
      async listLocalFiles() {
        calls.listLocalFiles++;
        return (options.files ?? (() => []))();
      },
    },
    store: {
      get: (id) =>
        presets.find((p) => p.id === id) ??
        (() => {
          throw new PresetNotFoundError(
            id,
            presets.map((p) => p.id),
          );
        })(),
      pinned: () => options.pinned ?? [],
    },
    getSample: () => (options.sample === undefined ? sample(1) : options.sample),
    now: options.now,
  };
  return { preparation: new SwitchPreparation(deps), calls };
}

describe('switch preparation', () => {
  it('plans the unload and the load of a switch and checks them against the sample', async () => {
    const { preparation } = setup({ loaded: [instance(Q7)], sample: sample(6) });
    const prepared = await preparation.prepare('coder');
    expect(prepared.plan.steps.map((s) => `${s.action} ${s.key}`)).toEqual([`unload ${Q7}`, `load ${C14}`]);
    expect(prepared.current.map((i) => i.instanceId)).toEqual([Q7]);
    expect(prepared.resolved.missing).toEqual([]);
    expect(prepared.fit.fits).toBe(true);
  });

  it('keeps a pinned model and refuses in the verdict, not by throwing, when the switch does not fit', async () => {
    const { preparation } = setup({ loaded: [instance(C14)], pinned: [C14], sample: sample(10, 2) });
    const prepared = await preparation.prepare('big');
    expect(prepared.plan.counts).toEqual({ keep: 1, unload: 0, load: 1 });
    expect(prepared.fit.fits).toBe(false);
    expect(prepared.fit.refusal).toMatch(/^Does not fit, nothing was changed\./);
  });

  it('prepares a preset given whole (an unsaved edit), and names a missing id with the known ones', async () => {
    const { preparation } = setup();
    expect((await preparation.prepare(preset('draft', [Q7]))).plan.steps.map((s) => s.key)).toEqual([Q7]);
    await expect(preparation.prepare('nope')).rejects.toThrow('No preset "nope". Known presets: coder, big.');
  });

  it('reads local paths from lms once per five minutes and fills them into the catalog', async () => {
    let clock = 0;
    const files = () => [
      { modelKey: C14, path: 'qwen/coder.gguf', absolutePath: '/models/qwen/coder.gguf', sizeBytes: null },
    ];
    const { preparation, calls } = setup({ files, now: () => clock });
    const first = await preparation.prepare('coder');
    expect(first.catalog.find((m) => m.key === C14)?.path).toBe('/models/qwen/coder.gguf');
    clock = 4 * 60_000;
    await preparation.prepare('coder');
    expect(calls.listLocalFiles).toBe(1);
    clock = 5 * 60_000;
    await preparation.prepare('coder');
    expect(calls.listLocalFiles).toBe(2);
    expect(calls.listModels).toBe(3);
  });

  it('without lms the paths stay unknown and the switch is still prepared', async () => {
    const { preparation } = setup({
      files: () => {
        throw new LmStudioError('lms-missing', 'lms was not found.');
      },
    });
    const prepared = await preparation.prepare('coder');
    expect(prepared.catalog.every((m) => m.path === null || m.path === undefined)).toBe(true);
    expect(prepared.plan.steps.map((s) => s.key)).toEqual([C14]);
  });
});
